package io.chorus.providers;

import org.jspecify.annotations.Nullable;

/**
 * Whether one provider is usable and, when not, what to set. Safe to print: never holds a key, only
 * its redacted form inside {@code detail}.
 *
 * @param name the provider name ({@code anthropic}, {@code openai}, ...)
 * @param configured whether the registry built a provider for it
 * @param baseUrl where its requests go, or null when not configured
 * @param detail where the configuration came from, or which variable to set
 * @param synthetic whether its answers are synthetic (the simulator)
 */
public record ProviderStatus(
    String name, boolean configured, @Nullable String baseUrl, String detail, boolean synthetic) {

  /**
   * One line such as {@code anthropic ready https://api.anthropic.com/ (key from ANTHROPIC_API_KEY:
   * sk-…abcd)}.
   */
  public String describe() {
    if (!configured) {
      return String.format("%-9s missing  %s", name, detail);
    }
    return String.format(
        "%-9s ready    %s  (%s)%s", name, baseUrl, detail, synthetic ? " [synthetic]" : "");
  }
}
