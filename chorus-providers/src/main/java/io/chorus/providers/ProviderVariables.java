package io.chorus.providers;

import java.util.List;
import java.util.Optional;

/**
 * The environment variables that configure one provider, as {@link ProviderRegistry} reads them:
 * the one table of them, so that a program that takes keys and URLs from elsewhere (a configuration
 * file) can hand them to the registry under the names it reads.
 *
 * @param provider the provider's name ({@code anthropic}, {@code ollama}, …)
 * @param keyVariable the variable holding its API key
 * @param urlVariable the variable holding its base URL (for Ollama, {@code OLLAMA_HOST})
 * @param keyRequired whether the provider is configured only when the key is set (the hosted APIs);
 *     local servers need no key
 */
public record ProviderVariables(
    String provider, String keyVariable, String urlVariable, boolean keyRequired) {

  private static final List<ProviderVariables> ALL =
      List.of(
          new ProviderVariables("anthropic", "ANTHROPIC_API_KEY", "ANTHROPIC_BASE_URL", true),
          new ProviderVariables("openai", "OPENAI_API_KEY", "OPENAI_BASE_URL", true),
          new ProviderVariables("xai", "XAI_API_KEY", "XAI_BASE_URL", true),
          new ProviderVariables("ollama", "OLLAMA_API_KEY", "OLLAMA_HOST", false),
          new ProviderVariables("vllm", "VLLM_API_KEY", "VLLM_BASE_URL", false),
          new ProviderVariables("llamacpp", "LLAMACPP_API_KEY", "LLAMACPP_BASE_URL", false));

  /** Every provider configured by a key and a URL, in display order ({@code sim} has neither). */
  public static List<ProviderVariables> all() {
    return ALL;
  }

  /** The variables of {@code provider}; empty for {@code sim} and unknown names. */
  public static Optional<ProviderVariables> of(String provider) {
    return ALL.stream().filter(v -> v.provider.equals(provider)).findFirst();
  }

  static ProviderVariables require(String provider) {
    return of(provider).orElseThrow();
  }
}
