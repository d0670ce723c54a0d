package io.chorus.cli;

import io.chorus.config.ConfiguredEngine;
import io.chorus.config.GatewaySettings;
import io.chorus.core.ModelId;
import io.chorus.gateway.Gateway;
import io.chorus.gateway.GatewayListener;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chorus serve}: the engine behind OpenAI- and Anthropic-compatible endpoints (delegates to
 * {@link Gateway}).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Serve the engine to any client as an OpenAI- and Anthropic-compatible gateway.",
      "Serve the engine to any client as an OpenAI- and Anthropic-compatible gateway on 127.0.0.1:",
      "POST /v1/chat/completions, POST /v1/messages (plain and streamed), GET /v1/models.",
      "Every call goes through the engine: one set of limits, retries, breakers and budget for every client.",
      "Models: provider:model (or provider/model); a bare name is OpenAI's on /v1/chat/completions and Anthropic's",
      "on /v1/messages. With no provider key the simulator answers, and every answer says synthetic",
      "(header x-chorus-synthetic, field chorus.synthetic).",
      "Virtual keys (gateway.keys in chorus.yaml, stored as SHA-256: printf %s \"$KEY\" | sha256sum): with any, every",
      "request needs one (Authorization: Bearer KEY or x-api-key: KEY, else 401), each with its own rpm, max_cost",
      "and models. Without keys the gateway is open and binds loopback only.",
      "Workflows (gateway.workflows) are models chorus/NAME: a vote spec (the answer is the decision) or a",
      "deliberation (the plan); the chorus field carries tally, consensus, convergence, calls and cost; streamed,",
      "each finished call is an SSE comment and the answer follows as chunks; no decision or plan is a 422.",
      "GET /metrics (Prometheus text: requests by path, status and key; the engine's calls, latency, tokens, cost,",
      "retries, breakers), GET /health (per provider: synthetic, limits, remaining, breaker states; 503 while draining).",
      "One access-log line per request (request id, key name, model, status, duration) with --log-file FILE or --verbose.",
      "chorus ps lists the gateway and chorus tree PID shows the calls it is serving (CHORUS_CONTROL=off: no control socket).",
      "Prints 'listening on http://HOST:PORT'; SIGTERM or Ctrl-C drains (503 for new requests, in-flight ones finish",
      "within --drain-grace) and exits 0."
    },
    footer = {
      "",
      "Examples:",
      "  chorus serve --port 8080",
      "  chorus serve --port 8080 --config chorus.yaml",
      "  OPENAI_BASE_URL=http://127.0.0.1:8080/v1 OPENAI_API_KEY=unused node app.js",
      "  ANTHROPIC_BASE_URL=http://127.0.0.1:8080 ANTHROPIC_API_KEY=unused python app.py"
    })
public final class ServeCommand extends ChorusSubcommand {

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      defaultValue = "8080",
      description = "The port (default ${DEFAULT-VALUE}); 0 picks a free one.")
  int port;

  @Option(
      names = "--host",
      paramLabel = "ADDRESS",
      defaultValue = "127.0.0.1",
      description =
          "The address to bind (default ${DEFAULT-VALUE}; 0.0.0.0 exposes the gateway to the network).")
  String host;

  @Option(
      names = "--max-body",
      paramLabel = "BYTES",
      description =
          "The largest request body accepted, in bytes (default gateway.max_body, else 4194304); larger ones get 413.")
  Long maxBody;

  @Option(
      names = "--drain-grace",
      paramLabel = "DURATION",
      description =
          "How long requests in flight may finish after SIGTERM (default gateway.drain_grace, else 30s).")
  String drainGrace;

  @Option(
      names = "--sim-config",
      paramLabel = "FILE",
      description =
          "Scenario for the built-in simulator (sim.yaml: scripted answers, latency, faults) when it stands in.")
  Path simConfig;

  @Override
  protected int execute() throws InterruptedException {
    if (port < 0 || port > 65535) {
      throw new CliException(ExitCodes.USAGE, "--port must be between 0 and 65535");
    }
    if (maxBody != null && maxBody <= 0) {
      throw new CliException(ExitCodes.USAGE, "--max-body must be a positive number of bytes");
    }
    Duration grace = null;
    if (drainGrace != null) {
      try {
        grace = io.chorus.config.DurationText.parse(drainGrace);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, "--drain-grace: " + e.getMessage());
      }
    }
    GatewaySettings settings = config().config().gateway();
    if (settings.keys().isEmpty() && !loopback(host)) {
      throw new CliException(
          ExitCodes.USAGE,
          "--host "
              + host
              + " without gateway.keys in chorus.yaml would let anyone who"
              + " reaches this machine spend your provider keys; define virtual keys (see 'chorus serve --help') or bind 127.0.0.1");
    }
    RunMixin scenario = new RunMixin();
    scenario.simConfig = simConfig;
    List<String> models;
    try {
      models = Gateway.modelsFor(config().config(), ctx().cwd());
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.CONFIG, "configuration error: " + e.getMessage(), e);
    }
    GatewayListener listener = new GatewayListener();
    // chorus ps lists the gateway and chorus tree PID shows the calls it is serving
    io.chorus.observe.ControlEndpoint control = Observation.control(this);
    List<io.chorus.core.EngineListener> listeners =
        control == null ? List.of(listener) : List.of(listener, control);
    ConfiguredEngine session;
    try {
      session =
          ConfiguredEngine.open(
              config(),
              models.stream().map(ModelId::parse).toList(),
              listeners,
              b -> {},
              scenario.simConfig(this));
    } catch (RuntimeException e) {
      closeQuietly(control);
      throw e;
    }
    // Helidon reports its start-up through java.util.logging on stderr; the one line we print says
    // it all
    java.util.logging.Logger.getLogger("io.helidon").setLevel(java.util.logging.Level.WARNING);
    Gateway gateway;
    try {
      Gateway.Builder gb =
          Gateway.builder()
              .session(session, models)
              .settings(settings)
              .listener(listener)
              .workflowDir(ctx().cwd())
              .host(host)
              .port(port);
      if (maxBody != null) {
        gb.maxBodyBytes(maxBody);
      }
      if (grace != null) {
        gb.drainGrace(grace);
      }
      gateway = gb.start();
    } catch (RuntimeException e) {
      session.close();
      closeQuietly(control);
      throw new CliException(
          ExitCodes.USAGE, "cannot listen on " + host + ":" + port + ": " + rootMessage(e), e);
    }
    if (session.notice() != null) {
      notice(session.notice());
    }
    AtomicBoolean stopped = new AtomicBoolean();
    Runnable stop =
        () -> {
          if (stopped.compareAndSet(false, true)) {
            try {
              gateway.close(); // drains
            } finally {
              try {
                session.close();
              } finally {
                closeQuietly(control);
              }
            }
          }
        };
    Thread hook = new Thread(stop, "chorus-serve-drain");
    Runtime.getRuntime().addShutdownHook(hook);
    if (global.json) {
      out().println("{\"listening\":\"" + gateway.baseUrl() + "\"}");
    } else {
      out().println("listening on " + gateway.baseUrl());
    }
    out().flush();
    try {
      gateway.awaitStop();
    } finally {
      stop.run();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // the hook is the one stopping us
      }
    }
    return ExitCodes.OK;
  }

  private static void closeQuietly(io.chorus.observe.ControlEndpoint control) {
    if (control != null) {
      control.close();
    }
  }

  private static boolean loopback(String host) {
    try {
      return java.net.InetAddress.getByName(host).isLoopbackAddress();
    } catch (java.net.UnknownHostException e) {
      throw new CliException(ExitCodes.USAGE, "--host: unknown host '" + host + "'");
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
  }
}
