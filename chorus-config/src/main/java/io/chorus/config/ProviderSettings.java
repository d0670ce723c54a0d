package io.chorus.config;

import org.jspecify.annotations.Nullable;

/**
 * One provider's settings. The key itself comes from the environment variable named by {@code
 * apiKeyEnv}, or (discouraged) from {@code apiKey} in a config file. {@link #toString()} never shows
 * the key.
 *
 * @param baseUrl the API base URL, or null for the provider's default
 * @param apiKeyEnv the environment variable holding the key, or null for the SDK's usual one
 * @param apiKey a key written in the config file, or null
 * @param limits limits for every model of this provider, or null
 * @param caFile a PEM file of certificates this provider's TLS connections trust beside the JDK's
 *     authorities and the top-level {@code ca_file} (a simulator started with {@code chorus sim
 *     --tls}, a self-hosted server's CA), or null
 */
public record ProviderSettings(
    @Nullable String baseUrl, @Nullable String apiKeyEnv, @Nullable String apiKey, @Nullable LimitsSettings limits,
    @Nullable String caFile) {

  /** Settings without a {@code ca_file}. */
  public ProviderSettings(@Nullable String baseUrl, @Nullable String apiKeyEnv, @Nullable String apiKey, @Nullable LimitsSettings limits) {
    this(baseUrl, apiKeyEnv, apiKey, limits, null);
  }

  public ProviderSettings {
    if (baseUrl != null && !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw new IllegalArgumentException("base_url must start with http:// or https://, was '" + baseUrl + "'");
    }
  }

  @Override
  public String toString() {
    return "ProviderSettings[baseUrl=" + io.chorus.providers.BaseUrl.redact(baseUrl) + ", apiKeyEnv=" + apiKeyEnv + ", apiKey="
        + (apiKey == null ? "null" : "<redacted>") + ", limits=" + limits + ", caFile=" + caFile + "]";
  }
}
