package io.chorus.cli;

import io.chorus.sim.SimMain;
import io.chorus.sim.Simulator;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code chorus sim}: the built-in provider simulator as a server (delegates to {@link SimMain}).
 */
@Command(
    name = "sim",
    mixinStandardHelpOptions = true,
    description = {
      "Start the built-in LLM provider simulator on 127.0.0.1.",
      "Start the built-in LLM provider simulator on 127.0.0.1: Anthropic Messages (POST /v1/messages) and",
      "OpenAI Chat Completions (POST /v1/chat/completions), GET /_sim/stats, POST /_sim/reset.",
      "Prints one line 'listening on http://127.0.0.1:PORT' and serves until stopped (Ctrl-C).",
      "With --tls it serves HTTPS (HTTP/1.1 over TLS) with a certificate authority and server certificate made at",
      "start, writes the authority to --ca-out (default a new file in the temporary folder) and prints a second",
      "line 'ca certificate: PATH': trust it with --ca PATH, ca_file: in chorus.yaml, or NODE_EXTRA_CA_CERTS."
    },
    footer = {
      "",
      "Examples:",
      "  chorus sim --port 0",
      "  chorus sim --port 8765 --seed 42 --config sim.yaml",
      "  ANTHROPIC_BASE_URL=http://127.0.0.1:8765 ANTHROPIC_API_KEY=x chorus ask hello --model anthropic:claude-sonnet-4-5",
      "  CHORUS_SIM_URL=http://127.0.0.1:8765 chorus ask hello --model sim:fast",
      "  chorus sim --port 8443 --tls --ca-out sim-ca.pem",
      "  ANTHROPIC_BASE_URL=https://127.0.0.1:8443/anthropic ANTHROPIC_API_KEY=x chorus ask hello --ca sim-ca.pem"
    })
public final class SimCommand extends ChorusSubcommand {

  @Option(
      names = {"-p", "--port"},
      paramLabel = "PORT",
      description = "The port; 0 picks a free one (the default).")
  Integer port;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "The seed of answers, latencies and faults (default 0).")
  Long seed;

  @Option(
      names = "--sim-config",
      paramLabel = "FILE",
      description =
          "The simulator's own config (models, faults, rate limits, rules); see chorus-sim.")
  Path simConfig;

  @Option(
      names = "--tls",
      description = "Serve HTTPS with a certificate authority made at start (HTTP/1.1 over TLS).")
  boolean tls;

  @Option(
      names = "--ca-out",
      paramLabel = "FILE",
      description =
          "With --tls: where to write the certificate authority (PEM); default a new file in the temporary folder.")
  Path caOut;

  @Override
  protected int execute() throws InterruptedException {
    List<String> args = new ArrayList<>();
    if (port != null) {
      if (port < 0 || port > 65535) {
        throw new CliException(ExitCodes.USAGE, "--port must be between 0 and 65535");
      }
      args.add("--port=" + port);
    }
    if (seed != null) {
      args.add("--seed=" + seed);
    }
    Path cfg = simConfig != null ? simConfig : global.config;
    if (cfg != null) {
      args.add("--config=" + inputFile(cfg, "simulator config"));
    }
    if (caOut != null && !tls) {
      throw new CliException(ExitCodes.USAGE, "--ca-out needs --tls");
    }
    if (tls) {
      args.add("--tls");
    }
    Simulator sim;
    try {
      sim = SimMain.start(args.toArray(String[]::new));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CliException(ExitCodes.USAGE, "sim: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      throw new CliException(ExitCodes.USAGE, "cannot start the simulator: " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  sim.close();
                  stopped.countDown();
                },
                "chorus-sim-shutdown"));
    Path ca = null;
    if (tls) {
      try {
        ca = SimMain.writeCaCertificate(sim, caOut == null ? null : resolve(caOut));
      } catch (java.io.UncheckedIOException e) {
        sim.close();
        throw new CliException(ExitCodes.USAGE, "sim: " + e.getMessage(), e);
      }
    }
    if (global.json) {
      var line =
          com.fasterxml.jackson.databind.node.JsonNodeFactory.instance
              .objectNode()
              .put("listening", sim.baseUrl());
      if (ca != null) {
        line.put("ca_file", ca.toString());
      }
      out().println(line);
    } else {
      out().println("listening on " + sim.baseUrl());
      if (ca != null) {
        out().println("ca certificate: " + ca);
      }
    }
    out().flush();
    try {
      stopped.await();
    } finally {
      sim.close();
    }
    return ExitCodes.OK;
  }
}
