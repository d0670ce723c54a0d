package io.chorus.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of every command that runs calls: reports, metrics and the progress bar. */
public final class RunMixin {

  @Option(
      names = "--report",
      paramLabel = "FILE",
      description =
          "Write a report of the run: .html (self-contained, with a timeline of every call), .json or .md.")
  public Path report;

  @Option(
      names = "--metrics",
      description =
          "Print the run's metrics (calls, latency percentiles, tokens, cost, retries) on stderr at the end.")
  public boolean metrics;

  @Option(names = "--no-progress", description = "Do not draw the progress bar.")
  public boolean noProgress;

  @Option(
      names = "--sim-config",
      paramLabel = "FILE",
      description =
          "Scenario for the built-in simulator (sim.yaml: scripted answers, latency, faults) when it stands in.")
  public Path simConfig;

  /** The simulator scenario of {@code --sim-config}, or null; errors name file, line and key. */
  public io.chorus.sim.SimConfig simConfig(ChorusSubcommand cmd) {
    if (simConfig == null) {
      return null;
    }
    try {
      return io.chorus.sim.SimConfig.load(cmd.inputFile(simConfig, "simulator scenario"));
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      throw new CliException(ExitCodes.USAGE, e.getMessage(), e);
    }
  }

  @Option(
      names = "--max-cost",
      paramLabel = "USD",
      description =
          "Stop admitting calls once the next one's worst case would pass this many US dollars; what ran is kept,"
              + " the rest is reported as not run (exit code 6). Overrides budget.max_cost in chorus.yaml.")
  public Double maxCost;

  @Option(
      names = "--no-cache-prefix",
      description =
          "Send every call of a fan-out at once, as it is: no prompt-cache breakpoints (Anthropic cache_control,"
              + " OpenAI prompt_cache_key) on the prompt start the calls share, and no leader call sent first."
              + " Overrides defaults.cache_prefix in chorus.yaml.")
  public boolean noCachePrefix;

  @Option(
      names = "--ca",
      paramLabel = "FILE",
      description =
          "Trust the certificates of this PEM file (beside the system's) for every provider's TLS connections,"
              + " e.g. the one 'chorus sim --tls' prints. Overrides ca_file in chorus.yaml and CHORUS_CA_FILE.")
  public Path ca;

  @Option(
      names = "--fallback",
      split = ",",
      paramLabel = "MODEL,...",
      description =
          "Models to try in order when a model fails (after its retries), e.g. openai:gpt-4o-mini,sim:fast;"
              + " for every model without its own models.*.fallback in chorus.yaml (defaults.fallback).")
  public java.util.List<String> fallback;

  @Option(
      names = "--hedge",
      paramLabel = "DELAY|pNN|off",
      description =
          "Send a duplicate of a call still running after DELAY (e.g. 2s), or after the model's pNN latency so far"
              + " (e.g. p95; p95:10s waits 10s until 20 latencies are known); the first answer wins. Overrides defaults.hedge.")
  public String hedge;

  @Option(
      names = "--base-url",
      paramLabel = "PROVIDER=URL",
      description =
          "The API base URL of PROVIDER, e.g. openai=http://127.0.0.1:8080/v1 (repeatable); overrides"
              + " providers.PROVIDER.base_url and the provider's *_BASE_URL variable.")
  public java.util.List<String> baseUrl;

  @Option(
      names = "--otel",
      description =
          "Emit OpenTelemetry spans (GenAI semantic conventions) to stderr; off by default.")
  public boolean otel;

  @Option(
      names = "--otel-endpoint",
      paramLabel = "URL",
      description =
          "Export OpenTelemetry spans (run, pattern, call, attempt; GenAI semantic conventions) over OTLP/HTTP"
              + " to URL, e.g. http://127.0.0.1:4318 (/v1/traces is appended unless the path ends in it)."
              + " Overrides OTEL_EXPORTER_OTLP_TRACES_ENDPOINT, OTEL_EXPORTER_OTLP_ENDPOINT and otel.endpoint"
              + " in chorus.yaml; headers come from OTEL_EXPORTER_OTLP_HEADERS and otel.headers. Off unless one is set.")
  public String otelEndpoint;

  @Option(
      names = "--grace",
      paramLabel = "DURATION",
      defaultValue = "10s",
      description =
          "On Ctrl-C: no new calls, and the calls in flight get this long to finish (default ${DEFAULT-VALUE});"
              + " what was answered is written and the exit code is 130. A second Ctrl-C cancels the calls in flight at once.")
  public String grace;

  /** The {@code --grace} duration; a usage error names the option. */
  java.time.Duration grace() {
    try {
      return io.chorus.config.DurationText.parse(grace == null ? "10s" : grace);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--grace: " + e.getMessage());
    }
  }

  @Option(
      names = "--via",
      paramLabel = "ROUTE",
      defaultValue = "calls",
      description = {
        "How calls are sent: calls (default: one by one), or batch-api: through the providers' batch APIs",
        "(Anthropic Message Batches, OpenAI Batch) at half the price, each wave of calls one batch;",
        "answers take minutes to hours. Providers without a batch API are called one by one."
      })
  public String via;

  @Option(
      names = "--poll-interval",
      paramLabel = "DURATION",
      defaultValue = "5s",
      description =
          "With --via batch-api: how often each batch's status is asked for (default ${DEFAULT-VALUE}).")
  public String pollInterval;

  /** Whether {@code --via batch-api}; a usage error names a bad value. */
  public boolean batchApi() {
    String v = via == null ? "calls" : via;
    return switch (v) {
      case "calls" -> false;
      case "batch-api" -> true;
      default ->
          throw new CliException(
              ExitCodes.USAGE, "--via: expected calls or batch-api, got '" + v + "'");
    };
  }

  /**
   * {@code base}, then with {@code --via batch-api} the batch route ({@link
   * io.chorus.config.BatchRouting}) recording in {@code ledger} and printing each batch's progress.
   */
  java.util.function.Consumer<io.chorus.core.Engine.Builder> route(
      ChorusSubcommand cmd,
      java.util.function.Consumer<io.chorus.core.Engine.Builder> base,
      io.chorus.providers.BatchLedger ledger,
      int inFlight) {
    if (!batchApi()) {
      return base;
    }
    java.time.Duration poll;
    try {
      poll = io.chorus.config.DurationText.parse(pollInterval == null ? "5s" : pollInterval);
    } catch (IllegalArgumentException e) {
      throw new CliException(ExitCodes.USAGE, "--poll-interval: " + e.getMessage());
    }
    io.chorus.config.BatchRouting routing =
        io.chorus.config.BatchRouting.builder(cmd.config().config())
            .ledger(ledger)
            .pollInterval(poll)
            .inFlight(inFlight)
            .onStatus(
                new BatchProgress(
                    cmd::notice,
                    ledger.submissions().stream()
                        .map(io.chorus.providers.BatchLedger.Submission::batchId)
                        .collect(java.util.stream.Collectors.toSet())))
            .build();
    return b -> {
      base.accept(b);
      routing.accept(b);
    };
  }
}
