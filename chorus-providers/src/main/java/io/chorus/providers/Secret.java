package io.chorus.providers;

import com.fasterxml.jackson.annotation.JsonValue;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * An API key. Its {@link #toString()} and JSON form are always redacted ({@code sk-…abcd} for long
 * keys, {@code ***} for short ones), so a secret can sit in records, logs and reports safely; only
 * {@link #reveal()} returns the value, and only the HTTP layer calls it.
 *
 * <p>Immutable and thread-safe.
 */
public final class Secret {
  private static final int SHOW_ENDS_FROM = 20;

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /**
   * @throws IllegalArgumentException when the value is blank (the message does not echo it)
   */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "secret");
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("secret is blank");
    }
    return new Secret(stripped);
  }

  /** The key itself. Never log or print it. */
  public String reveal() {
    return value;
  }

  /** The redacted form: the first 3 and last 4 characters of a long key, else {@code ***}. */
  @JsonValue
  public String redacted() {
    if (value.length() < SHOW_ENDS_FROM) {
      return "***";
    }
    return value.substring(0, 3) + "…" + value.substring(value.length() - 4);
  }

  /** {@code text} with every occurrence of this key replaced by {@link #redacted()}. */
  public String scrub(String text) {
    if (text == null || !text.contains(value)) {
      return text;
    }
    return text.replace(value, redacted());
  }

  @Override
  public String toString() {
    return redacted();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Secret other
        && MessageDigest.isEqual(
            value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }
}
