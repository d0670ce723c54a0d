package io.chorus.gateway;

import io.chorus.config.ConfiguredEngine;
import io.chorus.config.GatewayKeySettings;
import io.chorus.config.GatewaySettings;
import io.chorus.config.WorkflowSettings;
import io.chorus.core.Engine;
import io.chorus.core.TimeSource;
import io.chorus.gateway.internal.AnthropicProtocol;
import io.chorus.gateway.internal.ApiError;
import io.chorus.gateway.internal.ChatEndpoint;
import io.chorus.gateway.internal.Health;
import io.chorus.gateway.internal.ModelList;
import io.chorus.gateway.internal.ModelRoutes;
import io.chorus.gateway.internal.OpenAiProtocol;
import io.chorus.gateway.internal.Protocol;
import io.chorus.gateway.internal.RequestInfo;
import io.chorus.gateway.internal.Responses;
import io.chorus.gateway.internal.VirtualKeys;
import io.chorus.gateway.internal.Workflows;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind OpenAI- and Anthropic-compatible HTTP endpoints, for clients in any language
 * using their own SDKs unchanged: {@code POST /v1/chat/completions} (OpenAI Chat Completions, plain
 * and streamed), {@code POST /v1/messages} (Anthropic Messages, plain and streamed) and {@code GET
 * /v1/models}. Every call goes through the engine, so every client shares its limits, retries,
 * breakers, fallbacks and budget.
 *
 * {@snippet :
 * LoadedConfig config = new ConfigLoader(System.getenv()).load(null, Path.of("."), null);
 * try (ConfiguredEngine session = ConfiguredEngine.open(config, Gateway.DEFAULT_MODELS, List.of(), b -> {});
 *     Gateway gateway = Gateway.builder().session(session, Gateway.DEFAULT_MODELS).port(8080).start()) {
 *   System.out.println("listening on " + gateway.baseUrl()); // OPENAI_BASE_URL=<that>/v1
 *   gateway.awaitStop();
 * }
 * }
 *
 * <h2>Models</h2>
 *
 * A request's {@code model} is {@code provider:model} or {@code provider/model} for any provider
 * the engine has, or a bare name, which belongs to the protocol's own provider ({@code gpt-4o-mini}
 * on {@code /v1/chat/completions} is {@code openai:gpt-4o-mini}). An answer from a synthetic
 * provider (the simulator standing in for a missing key) says so in the {@code x-chorus-synthetic:
 * true} header and in the {@code chorus.synthetic} field of the body.
 *
 * <h2>Virtual keys</h2>
 *
 * With keys configured ({@link Builder#keys}, {@code gateway.keys} in {@code chorus.yaml}), every
 * request must present one, as {@code Authorization: Bearer KEY} (what OpenAI SDKs send) or {@code
 * x-api-key: KEY} (Anthropic SDKs); a missing or unknown key is a 401 in the protocol's shape. Keys
 * are stored as their SHA-256 only. Each key has its own models (403 for others; {@code GET
 * /v1/models} lists only its own), its own request rate (429 with {@code retry-after} when spent)
 * and its own budget (429 {@code insufficient_quota} once spent). The provider limits stay the
 * engine's, shared by all keys: a provider's rate limit makes calls wait, not fail.
 *
 * <h2>Errors</h2>
 *
 * Every error is written in the shape of the protocol the client spoke, with the status the
 * official SDKs map to their error classes: malformed JSON and bad fields 400, an unknown model
 * 404, a body over {@link Builder#maxBodyBytes} 413. A provider's failure keeps its meaning (429
 * for its rate limit after the engine's retries, 504 for a timeout); a provider that refuses the
 * gateway's own key is a 502, never the client's 401. Provider keys never appear in a body, header
 * or log.
 *
 * <h2>Why Helidon SE</h2>
 *
 * The server is Helidon SE 4's web server ({@code io.helidon.webserver}), not a hand-written one
 * and not Jetty 12: Helidon 4 was rewritten for virtual threads and runs every request on its own
 * virtual thread with a blocking API, which is exactly the engine's model ({@link Engine#call} runs
 * on the caller's thread; cancelling it is interrupting that thread). A handler therefore calls the
 * engine directly, and a streamed answer is a loop of blocking writes: a slow client blocks its own
 * virtual thread and, through it, the provider's stream, so nothing queues in memory. Jetty 12 runs
 * handlers on virtual threads too, but its core API is callback-based; blocking on it means
 * adapters that Helidon does not need. The SSE frames of the two protocols are fixed byte layouts
 * (OpenAI's {@code data:} lines and {@code [DONE]}, Anthropic's named events), written straight to
 * the response stream rather than through Helidon's SSE media support, which would add a
 * serialization layer and offers no comment frames for progress.
 *
 * <h2>Observability</h2>
 *
 * {@code GET /metrics} serves the {@link GatewayListener}'s Prometheus registry: the gateway's
 * requests ({@code chorus.gateway.requests} by path, status and key name) and the engine's calls,
 * latency, tokens, cost, retries and breakers. {@code GET /health} reports each provider's
 * synthetic flag, configured limits, last reported remaining limits and breaker states. Every
 * request gets an id ({@code x-request-id}, and the answer's id) and one access-log line ({@code
 * io.chorus.gateway.access}, key=value, naming the key, never the key itself).
 *
 * <h2>Stopping</h2>
 *
 * {@link #close()} drains: new requests are answered 503 in the protocol's shape, requests in
 * flight (streams included) get up to {@link Builder#drainGrace} to finish, then the server stops.
 * The engine is the caller's to close.
 *
 * <p>Thread-safe.
 */
public final class Gateway implements AutoCloseable {

  /** The models a gateway opens its engine for when the configuration names none. */
  public static final List<String> DEFAULT_MODELS =
      List.of("openai:gpt-4o-mini", "anthropic:claude-sonnet-4-5", "xai:grok-4", "sim:fast");

  private static final Logger ACCESS = LoggerFactory.getLogger("io.chorus.gateway.access");

  private final WebServer server;
  private final String host;
  private final GatewayListener listener;
  private final io.micrometer.core.instrument.MeterRegistry requests;

  /**
   * The request timers by tags, kept once registered: building and registering a timer per request
   * sorted its tags and looked it up in the registry on every request (the gateway's profile).
   * Bounded: three paths, the statuses the gateway answers with, and the configured keys.
   */
  private final java.util.Map<TimerKey, io.micrometer.core.instrument.Timer> requestTimers =
      new java.util.concurrent.ConcurrentHashMap<>();

  private record TimerKey(String path, int status, String key) {}

  private final Duration drainGrace;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition idle = lock.newCondition();
  private final Condition stopped = lock.newCondition();
  private volatile boolean draining;
  private boolean closed;

  private Gateway(Builder b) {
    this.drainGrace = b.drainGrace;
    this.host = b.host;
    Workflows workflows = Workflows.load(b.workflows, b.workflowDir);
    List<String> listed = new ArrayList<>(b.models);
    listed.addAll(workflows.modelNames());
    ModelRoutes routes = new ModelRoutes(b.providers, listed);
    VirtualKeys keys = new VirtualKeys(b.keys, b.time);
    ChatEndpoint openai =
        new ChatEndpoint(
            new OpenAiProtocol(),
            b.engine,
            routes,
            b.synthetic::contains,
            b.maxBodyBytes,
            keys,
            workflows);
    ChatEndpoint anthropic =
        new ChatEndpoint(
            new AnthropicProtocol(),
            b.engine,
            routes,
            b.synthetic::contains,
            b.maxBodyBytes,
            keys,
            workflows);
    ModelList models = new ModelList(routes.listed(), keys);
    this.listener = b.listener;
    Health health = new Health(b.engine, new ArrayList<>(b.providers), b.synthetic, b.listener);
    this.requests = b.listener.registry();
    this.server =
        WebServer.builder()
            .host(b.host)
            .port(b.port)
            .shutdownHook(
                false) // the CLI drains on SIGTERM itself: Helidon's hook would cut streams short
            .featuresDiscoverServices(false)
            .routing(
                r ->
                    r.post(
                            "/v1/chat/completions",
                            (req, res) ->
                                serve(
                                    req, res, openai.protocol(), id -> openai.handle(req, res, id)))
                        .post(
                            "/v1/messages",
                            (req, res) ->
                                serve(
                                    req,
                                    res,
                                    anthropic.protocol(),
                                    id -> anthropic.handle(req, res, id)))
                        .get(
                            "/v1/models",
                            (req, res) ->
                                serve(req, res, protocolOf(req), id -> models.handle(req, res, id)))
                        .get("/health", (req, res) -> health.handle(res, draining, inFlight::get))
                        .get(
                            "/metrics",
                            (req, res) -> {
                              res.header(
                                  HeaderNames.CONTENT_TYPE,
                                  "text/plain; version=0.0.4; charset=utf-8");
                              res.send(
                                  listener
                                      .registry()
                                      .scrape()
                                      .getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            })
                        .any(
                            (req, res) ->
                                serve(
                                    req,
                                    res,
                                    protocolOf(req),
                                    id ->
                                        Responses.error(
                                            res,
                                            protocolOf(req),
                                            req.path().path().equals("/v1/chat/completions")
                                                    || req.path().path().equals("/v1/messages")
                                                    || req.path().path().equals("/v1/models")
                                                ? ApiError.methodNotAllowed(
                                                    req.prologue().method().text(),
                                                    req.path().path())
                                                : ApiError.notFound(req.path().path())))))
            .build();
  }

  /** The protocol whose error shape fits a request that is not a chat request. */
  private static Protocol protocolOf(ServerRequest req) {
    return req.path().path().startsWith("/v1/messages")
            || req.headers().contains(HeaderNames.create("anthropic-version"))
        ? new AnthropicProtocol()
        : new OpenAiProtocol();
  }

  private interface Work {
    void run(RequestInfo info);
  }

  /** Admission (refused while draining), the request id, and one access-log line per request. */
  private void serve(ServerRequest req, ServerResponse res, Protocol protocol, Work work) {
    long t0 = System.nanoTime();
    RequestInfo info =
        new RequestInfo(HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong()));
    String id = info.id();
    res.header("x-request-id", id);
    if (draining) {
      res.header(HeaderNames.CONNECTION, "close");
      Responses.error(res, protocol, ApiError.draining());
      log(req, res, info, t0);
      return;
    }
    inFlight.incrementAndGet();
    try {
      work.run(info);
    } catch (RuntimeException e) {
      if (!res.isSent()) {
        Responses.error(
            res,
            protocol,
            ApiError.internal("The gateway failed: " + e.getClass().getSimpleName()));
      }
      ACCESS.warn("request {} failed", id, e);
    } finally {
      if (inFlight.decrementAndGet() == 0 && draining) {
        lock.lock();
        try {
          idle.signalAll();
        } finally {
          lock.unlock();
        }
      }
      log(req, res, info, t0);
    }
  }

  /** One line per request, key=value (the key's name, never the key), and the request metrics. */
  private void log(ServerRequest req, ServerResponse res, RequestInfo info, long t0) {
    long nanos = System.nanoTime() - t0;
    String path = knownPath(req.path().path());
    int status = res.status().code();
    requestTimers
        .computeIfAbsent(
            new TimerKey(path, status, info.key()),
            k ->
                io.micrometer.core.instrument.Timer.builder("chorus.gateway.requests")
                    .tags("path", k.path(), "status", Integer.toString(k.status()), "key", k.key())
                    .publishPercentiles(0.5, 0.99)
                    .register(requests))
        .record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
    if (ACCESS.isInfoEnabled()) {
      ACCESS.info(
          "request_id={} method={} path={} status={} duration_ms={} key={} model={} peer={}",
          info.id(),
          req.prologue().method().text(),
          req.path().path(),
          res.status().code(),
          nanos / 1_000_000,
          info.key(),
          info.model(),
          req.remotePeer().host());
    }
  }

  /**
   * The models a gateway for {@code config} serves: {@code defaults.model}, every model of the
   * {@code models} section, then {@link #DEFAULT_MODELS}; open the engine for these.
   */
  public static List<String> modelsFor(io.chorus.config.ChorusConfig config) {
    return modelsFor(config, java.nio.file.Path.of(""));
  }

  /**
   * As {@link #modelsFor(io.chorus.config.ChorusConfig)}, plus every model the workflows of {@code
   * gateway.workflows} call (their vote specs read from {@code dir}).
   *
   * @throws IllegalArgumentException naming the workflow whose spec cannot be read
   */
  public static List<String> modelsFor(
      io.chorus.config.ChorusConfig config, java.nio.file.Path dir) {
    Set<String> out = new LinkedHashSet<>();
    if (config.defaults().model() != null) {
      out.add(config.defaults().model());
    }
    out.addAll(config.models().keySet());
    out.addAll(DEFAULT_MODELS);
    Workflows.load(config.gateway().workflows(), dir).models().forEach(m -> out.add(m.toString()));
    return List.copyOf(out);
  }

  /** The path as a metric tag: one of the served paths, or {@code other} (tags must stay few). */
  private static String knownPath(String path) {
    return switch (path) {
      case "/v1/chat/completions", "/v1/messages", "/v1/models" -> path;
      default -> "other";
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The port it listens on. */
  public int port() {
    return server.port();
  }

  /** {@code http://HOST:PORT}; OpenAI SDKs take {@code baseUrl() + "/v1"}, Anthropic's this. */
  public String baseUrl() {
    return "http://" + hostText() + ":" + port();
  }

  private String hostText() {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  /** Requests being served now. */
  public int inFlight() {
    return inFlight.get();
  }

  /** Blocks until {@link #close()} has finished (from another thread or a shutdown hook). */
  public void awaitStop() throws InterruptedException {
    lock.lock();
    try {
      while (!closed) {
        stopped.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Drains and stops: refuses new requests, waits up to the drain grace for those in flight, then
   * stops the server (cutting what is left). Idempotent.
   */
  @Override
  public void close() {
    draining = true;
    lock.lock();
    try {
      if (closed) {
        return;
      }
      long deadline = System.nanoTime() + drainGrace.toNanos();
      while (inFlight.get() > 0) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          break;
        }
        idle.awaitNanos(left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        server.stop();
      } finally {
        closed = true;
        stopped.signalAll();
        lock.unlock();
      }
    }
  }

  /** Builds and starts a {@link Gateway}; not thread-safe. */
  public static final class Builder {
    private Engine engine;
    private final Set<String> providers = new LinkedHashSet<>();
    private final Set<String> synthetic = new LinkedHashSet<>();
    private final List<String> models = new ArrayList<>();
    private String host = "127.0.0.1";
    private int port = 8080;
    private long maxBodyBytes = 4L << 20;
    private Duration drainGrace = Duration.ofSeconds(30);
    private final java.util.Map<String, GatewayKeySettings> keys = new java.util.LinkedHashMap<>();
    private TimeSource time = TimeSource.system();
    private final java.util.Map<String, WorkflowSettings> workflows =
        new java.util.LinkedHashMap<>();
    private java.nio.file.Path workflowDir = java.nio.file.Path.of("");

    Builder() {}

    /** The engine every call goes through (required; the caller closes it). */
    public Builder engine(Engine engine) {
      this.engine = Objects.requireNonNull(engine, "engine");
      return this;
    }

    /** The providers the engine has, by name; requests for others are unknown models. */
    public Builder providers(java.util.Collection<String> names) {
      providers.addAll(names);
      return this;
    }

    /** Providers whose answers are synthetic (labelled so in every answer). */
    public Builder syntheticProviders(java.util.Collection<String> names) {
      synthetic.addAll(names);
      return this;
    }

    /** Models {@code GET /v1/models} lists, {@code provider:model}. */
    public Builder models(java.util.Collection<String> ids) {
      models.addAll(ids);
      return this;
    }

    /**
     * Engine, providers and synthetic labels from a configured session; models from {@code listed}.
     */
    public Builder session(ConfiguredEngine session, java.util.Collection<String> listed) {
      engine(session.engine());
      providers(session.providerNames());
      syntheticProviders(session.providerNames().stream().filter(session::synthetic).toList());
      return models(listed);
    }

    /** The address to bind: 127.0.0.1 unless told otherwise. */
    public Builder host(String host) {
      this.host = Objects.requireNonNull(host, "host");
      return this;
    }

    /** The port; 0 picks a free one. Default 8080. */
    public Builder port(int port) {
      if (port < 0 || port > 65535) {
        throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /** The largest request body accepted (413 beyond); default 4 MiB. */
    public Builder maxBodyBytes(long bytes) {
      if (bytes <= 0) {
        throw new IllegalArgumentException("maxBodyBytes must be positive, was " + bytes);
      }
      this.maxBodyBytes = bytes;
      return this;
    }

    /** How long {@link Gateway#close()} lets requests in flight finish; default 30 s. */
    public Builder drainGrace(Duration grace) {
      if (grace.isNegative()) {
        throw new IllegalArgumentException("drainGrace must not be negative, was " + grace);
      }
      this.drainGrace = grace;
      return this;
    }

    /**
     * The {@code gateway:} section of {@code chorus.yaml}: body limit, drain grace, virtual keys.
     */
    public Builder settings(GatewaySettings settings) {
      if (settings.maxBody() != null) {
        maxBodyBytes(settings.maxBody());
      }
      drainGrace(settings.drainGrace(drainGrace));
      workflows(settings.workflows());
      return keys(settings.keys());
    }

    /**
     * Workflows served as the models {@code chorus/NAME}: a vote spec ({@code answer = decision})
     * or a deliberation ({@code answer = plan}); the {@code chorus} field of the answer carries the
     * tally, consensus, convergence, calls and cost. Register a {@link GatewayListener} on the
     * engine and here for the progress comments of streamed workflows.
     */
    public Builder workflows(java.util.Map<String, WorkflowSettings> byName) {
      workflows.putAll(byName);
      return this;
    }

    /** Where the workflows' vote spec paths are relative to; default the working directory. */
    public Builder workflowDir(java.nio.file.Path dir) {
      this.workflowDir = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /**
     * The listener registered on the engine (health and workflow progress); without one, /health
     * knows no breaker states.
     */
    public Builder listener(GatewayListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    private GatewayListener listener = new GatewayListener();

    /**
     * Virtual keys by name: with any, every request needs one of them ({@code Authorization: Bearer
     * KEY} or {@code x-api-key: KEY}), else 401; each key has its own rate, budget and models.
     */
    public Builder keys(java.util.Map<String, GatewayKeySettings> byName) {
      keys.putAll(byName);
      return this;
    }

    /** The clock of the keys' rate limits (a fake one in tests). */
    public Builder time(TimeSource time) {
      this.time = Objects.requireNonNull(time, "time");
      return this;
    }

    /** Binds and starts serving. */
    public Gateway start() {
      Objects.requireNonNull(engine, "engine");
      Gateway g = new Gateway(this);
      g.server.start();
      return g;
    }
  }
}
