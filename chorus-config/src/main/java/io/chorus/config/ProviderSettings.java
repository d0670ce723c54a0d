package io.chorus.config;

import org.jspecify.annotations.Nullable;

/**
 * One provider's settings. The key itself comes from the environment variable named by {@code
 * apiKeyEnv}, or (discouraged) from {@code apiKey} in a config file. {@link #toString()} never
 * shows the key. The policies apply to every model of the provider, over {@code defaults}.
 *
 * @param baseUrl the API base URL, or null for the provider's default
 * @param apiKeyEnv the environment variable holding the key, or null for the SDK's usual one
 * @param apiKey a key written in the config file, or null
 * @param limits limits for every model of this provider, or null
 * @param caFile a PEM file of certificates this provider's TLS connections trust beside the JDK's
 *     authorities and the top-level {@code ca_file} (a simulator started with {@code chorus sim
 *     --tls}, a self-hosted server's CA), or null
 * @param retry retries, or null
 * @param circuitBreaker the breaker of each of its models, or null
 * @param hedge {@code 2s}, {@code p95} or {@code off} ({@link HedgeText}), or null
 * @param timeouts time limits (not {@code connect}), or null
 */
public record ProviderSettings(
    @Nullable String baseUrl,
    @Nullable String apiKeyEnv,
    @Nullable String apiKey,
    @Nullable LimitsSettings limits,
    @Nullable String caFile,
    @Nullable RetrySettings retry,
    @Nullable CircuitBreakerSettings circuitBreaker,
    @Nullable String hedge,
    @Nullable TimeoutSettings timeouts) {

  /** Settings without a {@code ca_file} or policies. */
  public ProviderSettings(
      @Nullable String baseUrl,
      @Nullable String apiKeyEnv,
      @Nullable String apiKey,
      @Nullable LimitsSettings limits) {
    this(baseUrl, apiKeyEnv, apiKey, limits, null, null, null, null, null);
  }

  public ProviderSettings {
    if (baseUrl != null && !(baseUrl.startsWith("http://") || baseUrl.startsWith("https://"))) {
      throw new IllegalArgumentException(
          "base_url must start with http:// or https://, was '"
              + io.chorus.providers.BaseUrl.redact(baseUrl)
              + "'");
    }
    PolicySettings.checkHedge(hedge);
    TimeoutSettings.noConnect(timeouts);
  }

  /** A provider with only a base URL. */
  public static ProviderSettings baseUrl(String url) {
    return new ProviderSettings(url, null, null, null, null, null, null, null, null);
  }

  /** These settings with {@code url} as the base URL. */
  public ProviderSettings withBaseUrl(String url) {
    return new ProviderSettings(
        url, apiKeyEnv, apiKey, limits, caFile, retry, circuitBreaker, hedge, timeouts);
  }

  @Override
  public String toString() {
    return "ProviderSettings[baseUrl="
        + io.chorus.providers.BaseUrl.redact(baseUrl)
        + ", apiKeyEnv="
        + apiKeyEnv
        + ", apiKey="
        + (apiKey == null ? "null" : "<redacted>")
        + ", limits="
        + limits
        + ", caFile="
        + caFile
        + ", retry="
        + retry
        + ", circuitBreaker="
        + circuitBreaker
        + ", hedge="
        + hedge
        + ", timeouts="
        + timeouts
        + "]";
  }
}
