package io.chorus.core;

import java.time.Duration;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * How one call or task ended. Exactly one of four cases; use a {@code switch} to handle them.
 *
 * <p>Every outcome carries its {@link Timeline}: attempts, timings, tokens and cost, so that a
 * failed call still reports what it cost.
 *
 * @param <T> the value of a success
 */
public sealed interface Outcome<T> {

  Timeline timeline();

  default boolean isSuccess() {
    return this instanceof Success;
  }

  /** The value of a success, else empty. */
  default Optional<T> optionalValue() {
    return this instanceof Success<T> s ? Optional.ofNullable(s.value()) : Optional.empty();
  }

  /**
   * A short name of what went wrong, for reports: the {@link ProviderError#kind()}, {@code
   * cancelled}, {@code budget} (not run: the {@link Budget} was reached), {@code timed_out}, or the
   * exception class; null for a success.
   */
  default @Nullable String errorKind() {
    return switch (this) {
      case Success<T> s -> null;
      case Failure<T> f ->
          f.error() instanceof ProviderException pe
              ? pe.error().kind()
              : f.error().getClass().getSimpleName();
      case Cancelled<T> c -> Budget.refused(c) ? "budget" : "cancelled";
      case TimedOut<T> t -> "timed_out";
    };
  }

  /**
   * True when this call's answer or failure came from a synthetic provider (the simulator): any
   * attempt that went to one, or a synthetic response served from the cache. Reports use this, and
   * only this, to label results synthetic, so the label follows the calls actually made.
   */
  default boolean synthetic() {
    return timeline().synthetic()
        || (this instanceof Success<T> s && s.value() instanceof ChatResponse r && r.synthetic());
  }

  /** A one-line description of what went wrong, for reports; null for a success. */
  default @Nullable String errorMessage() {
    return switch (this) {
      case Success<T> s -> null;
      case Failure<T> f -> String.valueOf(f.error().getMessage());
      case Cancelled<T> c -> Budget.refused(c) ? c.reason() : "cancelled: " + c.reason();
      case TimedOut<T> t -> "timed out after " + t.limit();
    };
  }

  /**
   * What went wrong in one line, its kind said once: {@code connection_failed: 127.0.0.1:9 refused
   * (Connection refused)}. Use this, not {@code errorKind() + ": " + errorMessage()} (a provider
   * error's message already starts with its kind). Null for a success.
   */
  default String errorLine() {
    return errorLine(errorKind(), errorMessage());
  }

  /** {@code kind: message}, or the message alone when it already starts with its kind. */
  static String errorLine(String kind, String message) {
    if (kind == null) {
      return message;
    }
    return message != null && message.startsWith(kind) ? message : kind + ": " + message;
  }

  /** It worked. */
  record Success<T>(T value, Timeline timeline) implements Outcome<T> {}

  /** It failed for good (after retries and fallbacks). */
  record Failure<T>(Throwable error, Timeline timeline) implements Outcome<T> {}

  /** It was cancelled before finishing: by a failure policy, a quorum reached, or shutdown. */
  record Cancelled<T>(String reason, Timeline timeline) implements Outcome<T> {}

  /** A call or run deadline passed. */
  record TimedOut<T>(Duration limit, Timeline timeline) implements Outcome<T> {}
}
