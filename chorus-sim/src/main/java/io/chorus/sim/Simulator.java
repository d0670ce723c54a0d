package io.chorus.sim;

import io.chorus.core.Sleeper;
import io.chorus.core.TimeSource;
import io.chorus.sim.internal.Router;
import io.chorus.sim.internal.Settings;
import io.chorus.sim.internal.SimCertificates;
import io.chorus.sim.internal.SimServer;
import io.chorus.sim.internal.StatsRecorder;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A running LLM provider simulator: an HTTP/1.1 server on 127.0.0.1 that speaks the Anthropic
 * Messages API ({@code POST /v1/messages}) and OpenAI Chat Completions ({@code POST
 * /v1/chat/completions}), plus {@code GET /v1/models}, {@code GET /_sim/stats} and {@code POST
 * /_sim/reset}.
 *
 * {@snippet :
 * try (Simulator sim = Simulator.builder().seed(1)
 *     .rule(Rule.builder().userContains("capital of France").text("Paris."))
 *     .start()) {
 *   String base = sim.baseUrl(); // e.g. http://127.0.0.1:41234 ; ANTHROPIC_BASE_URL=base, OPENAI_BASE_URL=base + "/v1"
 * }
 * }
 *
 * <p>Answers are seeded by the simulator seed and the request's JSON (minus {@code stream} and
 * {@code stream_options}), plus the optional request header {@code x-chorus-sample}: identical
 * requests get identical answers; a client that wants independent samples of one prompt sends a
 * different {@code x-chorus-sample} value (or any differing field) per sample. Latency and fault
 * draws are seeded by the seed and the request's arrival number instead, so retries are
 * independent.
 *
 * <p>Token usage is counted with {@link io.chorus.core.TokenEstimate} (one token per four
 * characters, per text block, summed). Thread-safe; {@link #close()} stops the server and closes
 * every open connection.
 *
 * <p>With {@link Builder#tls()} it serves HTTPS, the path a hosted provider's calls take: at start
 * it makes a certificate authority of its own and a server certificate for {@code 127.0.0.1} and
 * {@code localhost}; a client trusts {@link #caCertificatePem()} (HttpTransport's {@code
 * trustedCertificates}, {@code chorus --ca}, {@code NODE_EXTRA_CA_CERTS}). It speaks HTTP/1.1 over
 * TLS (ALPN offers {@code http/1.1} only: clients that would use HTTP/2 fall back to it).
 *
 * {@snippet :
 * try (Simulator sim = Simulator.builder().tls().start()) {
 *   Path ca = Files.writeString(Files.createTempFile("sim-ca", ".pem"), sim.caCertificatePem());
 *   HttpTransport transport = HttpTransport.builder().trustedCertificates(ca).build();
 *   // AnthropicProvider.builder().baseUrl(sim.baseUrl("anthropic")).transport(transport)...
 * }
 * }
 */
public final class Simulator implements AutoCloseable {
  private final SimServer server;
  private final Router router;
  private final Settings settings;
  private final SimCertificates certificates;

  private Simulator(
      Settings settings,
      int port,
      SimServer.ClientTimeouts clientTimeouts,
      SimCertificates certificates) {
    this.settings = settings;
    this.certificates = certificates;
    StatsRecorder stats = new StatsRecorder();
    this.router = new Router(settings, stats);
    this.server =
        new SimServer(
            port,
            router,
            stats,
            clientTimeouts,
            certificates == null ? null : certificates.context());
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code http://127.0.0.1:PORT} ({@code https://} with {@link Builder#tls()}), without a trailing
   * slash.
   */
  public String baseUrl() {
    return (certificates == null ? "http" : "https") + "://127.0.0.1:" + port();
  }

  /** Whether it serves HTTPS ({@link Builder#tls()}). */
  public boolean tls() {
    return certificates != null;
  }

  /**
   * The PEM text of the certificate authority that signed this run's server certificate: what a
   * client must trust to reach {@link #baseUrl()} over TLS. A new authority is made at every start.
   *
   * @throws IllegalStateException when the simulator serves plain HTTP
   */
  public String caCertificatePem() {
    if (certificates == null) {
      throw new IllegalStateException(
          "the simulator serves plain HTTP (start it with Builder.tls() for HTTPS)");
    }
    return certificates.caPem();
  }

  /**
   * The base URL under which the simulator stands in for {@code provider} ({@code anthropic},
   * {@code openai} or {@code xai}): {@code http://127.0.0.1:PORT/anthropic}. There it answers only
   * that provider's published model ids ({@link io.chorus.core.ModelCatalog}) and the models its
   * configuration declares, and any other model gets the provider's own not-found error (Anthropic:
   * 404 {@code not_found_error}; OpenAI and xAI: 404 {@code model_not_found}), so a mistyped model
   * name fails as it would against the real API. Under {@link #baseUrl()} every name is answered.
   */
  public String baseUrl(String provider) {
    if (!Router.STAND_INS.contains(provider)) {
      throw new IllegalArgumentException(
          "the simulator stands in for " + Router.STAND_INS + ", not '" + provider + "'");
    }
    return baseUrl() + "/" + provider;
  }

  /** {@link #baseUrl()} as a URI. */
  public URI baseUri() {
    return URI.create(baseUrl());
  }

  public int port() {
    return server.port();
  }

  /** The seed all answers, latencies and faults derive from. */
  public long seed() {
    return settings.seed();
  }

  /** A snapshot of the counters. */
  public SimStats stats() {
    return router.stats();
  }

  /** Zeroes the counters and forgets rate-limit buckets, cached prompts and fault counters. */
  public void reset() {
    router.reset();
  }

  /** Stops the server; open connections are closed. Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  /**
   * Configures a {@link Simulator}. Starts with the {@linkplain BuiltInModels built-in models},
   * seed 0, no faults, no rules, keys optional. Not thread-safe.
   */
  public static final class Builder {
    private long seed;
    private int port;
    private final Map<String, ModelBehaviour> models = new LinkedHashMap<>(BuiltInModels.all());
    private ModelBehaviour defaultBehaviour = BuiltInModels.DEFAULT;
    private final Map<String, RateLimits> keyLimits = new LinkedHashMap<>();
    private final List<FaultRule> faults = new ArrayList<>();
    private final List<Rule> rules = new ArrayList<>();
    private boolean requireApiKey;
    private TimeSource time = TimeSource.system();
    private Sleeper sleeper = Sleeper.system();
    private Duration stallLimit = Duration.ofMinutes(10);
    private final java.util.Set<String> declared = new java.util.LinkedHashSet<>();
    private SimServer.ClientTimeouts clientTimeouts = SimServer.ClientTimeouts.DEFAULT;
    private boolean tls;
    private io.chorus.sim.internal.BatchSettings batches =
        io.chorus.sim.internal.BatchSettings.DEFAULT;

    private Builder() {}

    /**
     * How the batch APIs (Anthropic Message Batches, OpenAI Batch) behave: a batch's items finish
     * evenly over {@code processingTime} (default 200 ms), and those not finished {@code
     * expiresAfter} after creation (default 24 h) end {@code expired}.
     */
    public Builder batches(Duration processingTime, Duration expiresAfter) {
      this.batches = batches.with(processingTime, expiresAfter);
      return this;
    }

    /**
     * The most requests one batch may hold (default the providers' own: Anthropic 100,000, OpenAI
     * 50,000); a bigger one is refused with 400, as the providers do. Lower it to test splitting.
     */
    public Builder batchMaxRequests(int maxRequests) {
      this.batches = batches.withMaxRequests(maxRequests);
      return this;
    }

    /**
     * Serves HTTPS (HTTP/1.1 over TLS) with a certificate authority and server certificate made at
     * start; see {@link Simulator#caCertificatePem()}. Default plain HTTP.
     */
    public Builder tls() {
      return tls(true);
    }

    /** {@link #tls()} when {@code enabled}; plain HTTP otherwise. */
    public Builder tls(boolean enabled) {
      this.tls = enabled;
      return this;
    }

    /**
     * How long a client may take to send one request, head and body, from its first byte (default
     * 10 s; a slower one is answered 408 and disconnected), and how long a kept-alive connection
     * may sit idle before the next request (default 75 s; then it is closed).
     */
    public Builder clientTimeouts(Duration request, Duration idle) {
      this.clientTimeouts = new SimServer.ClientTimeouts(request, idle);
      return this;
    }

    public Builder seed(long value) {
      this.seed = value;
      return this;
    }

    /** The port to listen on; 0 (the default) picks a free one. */
    public Builder port(int value) {
      if (value < 0 || value > 65535) {
        throw new IllegalArgumentException("port must be in 0..65535, was " + value);
      }
      this.port = value;
      return this;
    }

    /** Adds or replaces a model. */
    public Builder model(String name, ModelBehaviour behaviour) {
      models.put(
          Objects.requireNonNull(name, "name"), Objects.requireNonNull(behaviour, "behaviour"));
      declared.add(name);
      return this;
    }

    /** The behaviour of model names not configured (built-in: like {@code fast}). */
    public Builder defaultModel(ModelBehaviour behaviour) {
      this.defaultBehaviour = Objects.requireNonNull(behaviour, "behaviour");
      return this;
    }

    /**
     * Rate limits for one API key, overriding the models' own. Each (key, model) pair has its own
     * buckets with these limits.
     */
    public Builder keyLimits(String apiKey, RateLimits limits) {
      keyLimits.put(
          Objects.requireNonNull(apiKey, "apiKey"), Objects.requireNonNull(limits, "limits"));
      return this;
    }

    /** Adds a fault for every model (use {@link FaultRule#forModel} to narrow it). */
    public Builder fault(FaultRule rule) {
      faults.add(Objects.requireNonNull(rule, "fault"));
      if (rule.model() != null) {
        declared.add(rule.model());
      }
      return this;
    }

    /** Adds a scripted answer; rules are tried in the order added. */
    public Builder rule(Rule rule) {
      rules.add(Objects.requireNonNull(rule, "rule"));
      if (rule.model() != null) {
        declared.add(rule.model());
      }
      return this;
    }

    /** Whether requests without an API key get 401 (default false: any key or none is accepted). */
    public Builder requireApiKey(boolean value) {
      this.requireApiKey = value;
      return this;
    }

    /** The clock for rate-limit buckets, cache TTLs and timestamps (default: the system clock). */
    public Builder timeSource(TimeSource value) {
      this.time = Objects.requireNonNull(value, "timeSource");
      return this;
    }

    /** How latency is waited (default: {@link Thread#sleep}). */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value, "sleeper");
      return this;
    }

    /** How long a stalled connection is held at most (default 10 minutes). */
    public Builder stallLimit(Duration value) {
      this.stallLimit = Objects.requireNonNull(value, "stallLimit");
      return this;
    }

    /** Applies a loaded config file on top of this builder. */
    public Builder config(SimConfig config) {
      config.applyTo(this);
      return this;
    }

    /** Binds the port and starts serving. */
    public Simulator start() {
      Settings s =
          new Settings(
              seed,
              models,
              defaultBehaviour,
              keyLimits,
              faults,
              rules,
              requireApiKey,
              time,
              sleeper,
              stallLimit,
              batches,
              declared);
      return new Simulator(s, port, clientTimeouts, tls ? SimCertificates.generate() : null);
    }
  }
}
