package io.chorus.providers;

import java.util.Objects;
import java.util.regex.Pattern;

/** Checks provider names and holds the user agent sent. */
final class ProviderNames {
  static final String USER_AGENT = "chorus/0.1";
  private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9_-]*");

  private ProviderNames() {}

  static String check(String name) {
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "provider name '"
              + name
              + "' must be lower case letters, digits, '-' or '_' (it is the prefix of provider:model)");
    }
    return name;
  }
}
