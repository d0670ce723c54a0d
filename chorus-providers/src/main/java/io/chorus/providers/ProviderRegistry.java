package io.chorus.providers;

import io.chorus.core.ModelId;
import io.chorus.core.Provider;
import io.chorus.core.TimeSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The providers this process can use, built from environment variables the official SDKs read,
 * sharing one {@link HttpTransport}.
 *
 * <table>
 *   <caption>Variables</caption>
 *   <tr><th>provider</th><th>required</th><th>optional</th></tr>
 *   <tr><td>{@code anthropic}</td><td>ANTHROPIC_API_KEY</td><td>ANTHROPIC_BASE_URL (default https://api.anthropic.com)</td></tr>
 *   <tr><td>{@code openai}</td><td>OPENAI_API_KEY</td><td>OPENAI_BASE_URL (default https://api.openai.com/v1)</td></tr>
 *   <tr><td>{@code xai}</td><td>XAI_API_KEY</td><td>XAI_BASE_URL (default https://api.x.ai/v1)</td></tr>
 *   <tr><td>{@code ollama}</td><td>none</td><td>OLLAMA_HOST (default http://localhost:11434; {@code /v1} is appended), OLLAMA_API_KEY</td></tr>
 *   <tr><td>{@code vllm}</td><td>VLLM_BASE_URL</td><td>VLLM_API_KEY</td></tr>
 *   <tr><td>{@code llamacpp}</td><td>LLAMACPP_BASE_URL</td><td>LLAMACPP_API_KEY</td></tr>
 *   <tr><td>{@code sim}</td><td>CHORUS_SIM_URL (or {@link Builder#simulator})</td><td>CHORUS_SIM_PROTOCOL ({@code openai} or {@code anthropic})</td></tr>
 * </table>
 *
 * Blank values count as unset. vLLM and llama.cpp base URLs get {@code /v1} appended when they have
 * no path; OpenAI and xAI base URLs are used as given, as their SDKs do.
 *
 * <p>Thread-safe after construction. {@link #close()} closes every provider and the transport.
 *
 * {@snippet :
 * try (ProviderRegistry providers = ProviderRegistry.fromEnvironment(System.getenv())) {
 *   Provider p = providers.forModel(ModelId.parse("anthropic:claude-sonnet-4-5"));
 * }
 * }
 */
public final class ProviderRegistry implements AutoCloseable {
  /** The names this registry knows, in display order. */
  public static final List<String> KNOWN =
      List.of("anthropic", "openai", "xai", "ollama", "vllm", "llamacpp", "sim");

  private static final String DEFAULT_OLLAMA = "default host";

  private final Map<String, Provider> providers;
  private final Map<String, ProviderStatus> statuses;
  private final HttpTransport transport;
  private final boolean ownsTransport;

  private ProviderRegistry(
      Map<String, Provider> providers,
      Map<String, ProviderStatus> statuses,
      HttpTransport transport,
      boolean owns) {
    this.providers = providers;
    this.statuses = statuses;
    this.transport = transport;
    this.ownsTransport = owns;
  }

  /** A registry from {@code env} (pass {@code System.getenv()}). */
  public static ProviderRegistry fromEnvironment(Map<String, String> env) {
    return builder().environment(env).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The provider called {@code name}, when configured. */
  public Optional<Provider> find(String name) {
    return Optional.ofNullable(providers.get(name));
  }

  /**
   * The provider called {@code name}.
   *
   * @throws ProviderNotConfiguredException saying which variable to set, or which names exist
   */
  public Provider require(String name) {
    Provider p = providers.get(name);
    if (p != null) {
      return p;
    }
    ProviderStatus status = statuses.get(name);
    if (status != null) {
      throw new ProviderNotConfiguredException(
          name, "provider '" + name + "' is not configured: " + status.detail());
    }
    throw new ProviderNotConfiguredException(
        name,
        "unknown provider '"
            + name
            + "'; known providers: "
            + String.join(", ", statuses.keySet()));
  }

  /** The provider of {@code model}, see {@link #require(String)}. */
  public Provider forModel(ModelId model) {
    return require(model.provider());
  }

  /** The names of configured providers. */
  public List<String> configured() {
    return List.copyOf(providers.keySet());
  }

  /** The status of every known provider, configured or not. */
  public List<ProviderStatus> statuses() {
    return List.copyOf(statuses.values());
  }

  /** One line per provider, for {@code chorus providers} and error messages. */
  public String describe() {
    return statuses.values().stream()
        .map(ProviderStatus::describe)
        .collect(Collectors.joining("\n"));
  }

  /**
   * What to tell a user who has no provider configured: which variables to set, or how to use the
   * simulator instead. Multi-line, no stack trace material.
   */
  public String setupHint() {
    return """
        No model provider is configured. Set one of:
          ANTHROPIC_API_KEY   then use --model anthropic:claude-sonnet-4-5
          OPENAI_API_KEY      then use --model openai:gpt-4o-mini
          XAI_API_KEY         then use --model xai:grok-4
          OLLAMA_HOST         for a local Ollama (default http://localhost:11434), --model ollama:llama3.2
        (each *_BASE_URL variable points a provider at another server), or try without a key:
          chorus sim --port 0   and set CHORUS_SIM_URL to the URL it prints, then --model sim:fast
        """;
  }

  /**
   * Whether the user configured any real provider: a key or base URL in the environment, an
   * explicit OLLAMA_HOST, or a provider added in code. The always-present default Ollama and the
   * simulator do not count. A CLI shows {@link #setupHint()} when this is false.
   */
  public boolean hasUserConfiguredProvider() {
    return providers.values().stream()
        .anyMatch(
            p ->
                !p.synthetic()
                    && !(p.name().equals("ollama") && isDefaultOllama(statuses.get("ollama"))));
  }

  private static boolean isDefaultOllama(ProviderStatus status) {
    return status != null && status.detail().startsWith(DEFAULT_OLLAMA);
  }

  @Override
  public void close() {
    for (Provider p : providers.values()) {
      p.close();
    }
    if (ownsTransport) {
      transport.close();
    }
  }

  @Override
  public String toString() {
    return "ProviderRegistry" + configured();
  }

  /** Mutable builder; not thread-safe. */
  public static final class Builder {
    private Map<String, String> env = Map.of();
    private HttpTransport transport;
    private final Map<String, HttpTransport> transports = new LinkedHashMap<>();
    private TimeSource time = TimeSource.system();
    private String simUrl;
    private WireFormat simFormat = WireFormat.OPENAI;
    private Secret simKey = Secret.of("chorus-sim-key");
    private final List<Provider> extra = new ArrayList<>();

    private Builder() {}

    /** The variables to read; default none. */
    public Builder environment(Map<String, String> env) {
      this.env = Map.copyOf(Objects.requireNonNull(env, "env"));
      return this;
    }

    /** A transport to share (not closed by the registry); default one owned by the registry. */
    public Builder transport(HttpTransport transport) {
      this.transport = transport;
      return this;
    }

    /**
     * The transport of one provider's calls, instead of the shared one: e.g. one that trusts that
     * provider's own certificate authority ({@link HttpTransport.Builder#trustedCertificates}). Not
     * closed by the registry.
     */
    public Builder transport(String provider, HttpTransport transport) {
      transports.put(
          Objects.requireNonNull(provider, "provider"),
          Objects.requireNonNull(transport, "transport"));
      return this;
    }

    public Builder timeSource(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /**
     * Adds the provider {@code sim}, with synthetic answers, talking to a simulator at {@code
     * rootUrl} (as printed by {@code chorus sim}: {@code http://127.0.0.1:PORT}).
     */
    public Builder simulator(String rootUrl, WireFormat format) {
      this.simUrl = Objects.requireNonNull(rootUrl, "rootUrl");
      this.simFormat = Objects.requireNonNull(format, "format");
      return this;
    }

    /**
     * The key sent to the simulator (its rate limits are per key); default {@code chorus-sim-key}.
     */
    public Builder simulatorKey(Secret key) {
      this.simKey = Objects.requireNonNull(key, "key");
      return this;
    }

    /** Adds a provider built elsewhere; it replaces one of the same name. */
    public Builder add(Provider provider) {
      extra.add(Objects.requireNonNull(provider, "provider"));
      return this;
    }

    /**
     * @throws IllegalArgumentException naming the variable when a URL in the environment is invalid
     */
    public ProviderRegistry build() {
      boolean owns = transport == null;
      HttpTransport t = owns ? HttpTransport.create() : transport;
      try {
        return new EnvironmentReader(env, t, Map.copyOf(transports), time)
            .read(simUrl, simFormat, simKey, extra, t, owns);
      } catch (RuntimeException e) {
        if (owns) {
          t.close();
        }
        throw e;
      }
    }
  }

  /** Builds the providers the environment configures. */
  private record EnvironmentReader(
      Map<String, String> env,
      HttpTransport transport,
      Map<String, HttpTransport> transports,
      TimeSource time) {

    ProviderRegistry read(
        String simUrl,
        WireFormat simFormat,
        Secret simKey,
        List<Provider> extra,
        HttpTransport t,
        boolean owns) {
      Map<String, Provider> providers = new LinkedHashMap<>();
      Map<String, ProviderStatus> statuses = new LinkedHashMap<>();
      keyed(
          providers,
          statuses,
          ProviderVariables.require("anthropic"),
          AnthropicProvider.DEFAULT_BASE_URL,
          WireFormat.ANTHROPIC);
      keyed(
          providers,
          statuses,
          ProviderVariables.require("openai"),
          OpenAiCompatibleProvider.OPENAI_BASE_URL,
          WireFormat.OPENAI);
      keyed(
          providers,
          statuses,
          ProviderVariables.require("xai"),
          OpenAiCompatibleProvider.XAI_BASE_URL,
          WireFormat.OPENAI);
      ollama(providers, statuses, ProviderVariables.require("ollama"));
      local(providers, statuses, ProviderVariables.require("vllm"), "http://localhost:8000/v1");
      local(providers, statuses, ProviderVariables.require("llamacpp"), "http://localhost:8080/v1");
      sim(providers, statuses, simUrl, simFormat, simKey);
      for (Provider p : extra) {
        Provider old = providers.put(p.name(), p);
        if (old != null && old != p) {
          old.close();
        }
        statuses.put(
            p.name(),
            new ProviderStatus(p.name(), true, null, "added in code: " + p, p.synthetic()));
      }
      return new ProviderRegistry(
          Map.copyOf(providers), java.util.Collections.unmodifiableMap(statuses), t, owns);
    }

    private void keyed(
        Map<String, Provider> providers,
        Map<String, ProviderStatus> statuses,
        ProviderVariables vars,
        String defaultUrl,
        WireFormat format) {
      String name = vars.provider();
      String keyVar = vars.keyVariable();
      String urlVar = vars.urlVariable();
      String key = get(keyVar);
      String url = get(urlVar);
      if (key == null) {
        statuses.put(
            name,
            new ProviderStatus(
                name,
                false,
                null,
                "set "
                    + keyVar
                    + " to use "
                    + name
                    + ":<model>"
                    + " (optionally "
                    + urlVar
                    + ", default "
                    + defaultUrl
                    + ")",
                false));
        return;
      }
      Secret secret = Secret.of(key);
      Provider p = build(name, url == null ? defaultUrl : url, urlVar, secret, format, false, null);
      providers.put(name, p);
      statuses.put(
          name,
          new ProviderStatus(
              name,
              true,
              baseOf(p),
              "key from "
                  + keyVar
                  + ": "
                  + secret.redacted()
                  + (url == null ? "" : "; base from " + urlVar),
              false));
    }

    private void ollama(
        Map<String, Provider> providers,
        Map<String, ProviderStatus> statuses,
        ProviderVariables vars) {
      String hostVar = vars.urlVariable();
      String host = get(hostVar);
      String url =
          BaseUrl.withV1IfBare(BaseUrl.parse(ollamaUrl(host == null ? "localhost" : host), hostVar))
              .toString();
      String key = get(vars.keyVariable());
      Provider p =
          build(
              "ollama",
              url,
              hostVar,
              key == null ? null : Secret.of(key),
              WireFormat.OPENAI,
              false,
              false);
      providers.put("ollama", p);
      statuses.put(
          "ollama",
          new ProviderStatus(
              "ollama",
              true,
              baseOf(p),
              (host == null
                      ? DEFAULT_OLLAMA + " (set " + hostVar + " to change)"
                      : "host from " + hostVar)
                  + "; no key needed; not contacted yet",
              false));
    }

    /**
     * OLLAMA_HOST as the Ollama client reads it: {@code host}, {@code host:port} or a URL; without
     * a scheme the port defaults to 11434, with {@code http://} to 80, with {@code https://} to
     * 443.
     */
    static String ollamaUrl(String host) {
      String s = host.strip();
      String scheme = "http";
      int defaultPort = 11434;
      int sep = s.indexOf("://");
      if (sep >= 0) {
        scheme = s.substring(0, sep).toLowerCase(java.util.Locale.ROOT);
        s = s.substring(sep + 3);
        defaultPort = scheme.equals("https") ? 443 : 80;
      }
      int slash = s.indexOf('/');
      String hostPort = slash < 0 ? s : s.substring(0, slash);
      String path = slash < 0 ? "" : s.substring(slash);
      boolean hasPort = hostPort.startsWith("[") ? hostPort.contains("]:") : hostPort.contains(":");
      if (hostPort.isEmpty()) {
        hostPort = "127.0.0.1";
      }
      return scheme + "://" + hostPort + (hasPort ? "" : ":" + defaultPort) + path;
    }

    private void local(
        Map<String, Provider> providers,
        Map<String, ProviderStatus> statuses,
        ProviderVariables vars,
        String example) {
      String name = vars.provider();
      String urlVar = vars.urlVariable();
      String keyVar = vars.keyVariable();
      String url = get(urlVar);
      if (url == null) {
        statuses.put(
            name,
            new ProviderStatus(
                name,
                false,
                null,
                "set "
                    + urlVar
                    + " (e.g. "
                    + example
                    + ") to use "
                    + name
                    + ":<model>; "
                    + keyVar
                    + " if the server wants a key",
                false));
        return;
      }
      String key = get(keyVar);
      String base = BaseUrl.withV1IfBare(BaseUrl.parse(url, urlVar)).toString();
      Provider p =
          build(
              name,
              base,
              urlVar,
              key == null ? null : Secret.of(key),
              WireFormat.OPENAI,
              false,
              false);
      providers.put(name, p);
      statuses.put(
          name,
          new ProviderStatus(
              name,
              true,
              baseOf(p),
              "base from " + urlVar + (key == null ? "; no key" : "; key from " + keyVar),
              false));
    }

    private void sim(
        Map<String, Provider> providers,
        Map<String, ProviderStatus> statuses,
        String simUrl,
        WireFormat format,
        Secret key) {
      String url = simUrl;
      String source = "Builder.simulator";
      if (url == null && get("CHORUS_SIM_URL") != null) {
        url = get("CHORUS_SIM_URL");
        source = "CHORUS_SIM_URL";
        String protocol = get("CHORUS_SIM_PROTOCOL");
        if (protocol != null) {
          format =
              switch (protocol.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "anthropic" -> WireFormat.ANTHROPIC;
                case "openai" -> WireFormat.OPENAI;
                default ->
                    throw new IllegalArgumentException(
                        "CHORUS_SIM_PROTOCOL: '" + protocol + "' must be openai or anthropic");
              };
        }
      }
      if (url == null) {
        statuses.put(
            "sim",
            new ProviderStatus(
                "sim",
                false,
                null,
                "start a simulator with `chorus sim --port 0` and set CHORUS_SIM_URL to the URL it prints",
                true));
        return;
      }
      String root = BaseUrl.parse(url, source).toString();
      String base =
          format == WireFormat.OPENAI
              ? BaseUrl.withV1IfBare(BaseUrl.parse(root, source)).toString()
              : root;
      Provider p = build("sim", base, source, key, format, true, false);
      providers.put("sim", p);
      statuses.put(
          "sim",
          new ProviderStatus(
              "sim",
              true,
              baseOf(p),
              "simulator ("
                  + format.name().toLowerCase(java.util.Locale.ROOT)
                  + " protocol) from "
                  + source,
              true));
    }

    private Provider build(
        String name,
        String url,
        String source,
        Secret key,
        WireFormat format,
        boolean synthetic,
        Boolean completionField) {
      BaseUrl.parse(url, source); // a clear message naming the variable before the builder's own
      HttpTransport transport = transports.getOrDefault(name, this.transport);
      if (format == WireFormat.ANTHROPIC) {
        return AnthropicProvider.builder()
            .name(name)
            .baseUrl(url)
            .apiKey(key)
            .transport(transport)
            .timeSource(time)
            .synthetic(synthetic)
            .build();
      }
      OpenAiCompatibleProvider.Builder b =
          OpenAiCompatibleProvider.builder()
              .name(name)
              .baseUrl(url)
              .apiKey(key)
              .transport(transport)
              .timeSource(time)
              .synthetic(synthetic);
      if (completionField != null) {
        b.maxCompletionTokensField(completionField);
      }
      return b.build();
    }

    private static String baseOf(Provider p) {
      return p instanceof HttpProvider h ? h.baseUrl() : null;
    }

    private String get(String name) {
      String v = env.get(name);
      return v == null || v.isBlank() ? null : v.strip();
    }
  }
}
