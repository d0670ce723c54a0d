package io.chorus.cli;

import io.chorus.cli.progress.ProgressPrinter;
import io.chorus.core.EngineListener;
import io.chorus.observe.LoggingListener;
import io.chorus.observe.MetricsListener;
import io.chorus.observe.ProgressListener;
import io.chorus.observe.TraceRecorder;
import io.chorus.report.Reports;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The listeners a command hangs on its engine: logging always, the trace recorder (only with
 * --report: it keeps every call, so a batch without a report runs in memory that does not grow with
 * its calls), the progress bar (unless --quiet, --no-progress or JSON on a terminal), and metrics
 * with --metrics. {@link #finish} writes the report and prints the metrics.
 */
final class Observation {

  /** Runs of this many calls or fewer draw no progress bar. */
  static final int PROGRESS_MIN_TOTAL = 3;

  private final CliContext ctx;
  private final GlobalOptions global;
  private final RunMixin run;
  private final TraceRecorder trace;
  private final ProgressListener progress;
  private final SimpleMeterRegistry registry;
  private ProgressPrinter printer;
  private final io.chorus.observe.OtelSetup otel;
  private final io.chorus.observe.ControlEndpoint control;

  private final ProviderHealth health;
  private final BudgetWatch budget = new BudgetWatch();

  private final ChorusSubcommand cmd;

  Observation(ChorusSubcommand cmd, RunMixin run, String title, boolean synthetic) {
    this.cmd = cmd;
    this.ctx = cmd.ctx();
    this.global = cmd.global;
    this.health = cmd.health;
    cmd.observed(this);
    this.run = run == null ? new RunMixin() : run;
    // it keeps every call for the report: only when one is asked for (a million-line batch would
    // not fit)
    this.trace = this.run.report != null ? new TraceRecorder(title, ctx.time(), synthetic) : null;
    this.progress = global.quiet || this.run.noProgress ? null : new ProgressListener(ctx.time());
    this.registry = this.run.metrics ? new SimpleMeterRegistry() : null;
    this.otel = otel(cmd, this.run, title);
    this.control = control(cmd);
  }

  /**
   * The control endpoint {@code chorus ps} and {@code chorus tree PID} read (a Unix domain socket
   * private to this user; {@code CHORUS_CONTROL=off} opens none). A directory that is not private
   * is one line on stderr, never a failed command. {@code chorus serve} opens one too.
   */
  static io.chorus.observe.ControlEndpoint control(ChorusSubcommand cmd) {
    if ("off".equalsIgnoreCase(cmd.ctx().env().getOrDefault("CHORUS_CONTROL", "").strip())) {
      return null;
    }
    String name = cmd.spec == null ? "chorus" : cmd.spec.qualifiedName(" ");
    try {
      return io.chorus.observe.ControlEndpoint.open(
          name, io.chorus.observe.ControlEndpoint.directory(cmd.ctx().env()), cmd.ctx().time());
    } catch (java.io.IOException | UnsupportedOperationException e) {
      cmd.ctx().err().println("chorus: no control endpoint for chorus ps/tree: " + e.getMessage());
      return null;
    }
  }

  /** Closes the control endpoint (its socket is removed); idempotent. */
  void closeControl() {
    if (control != null) {
      control.close();
    }
  }

  /**
   * The OpenTelemetry SDK of this command: OTLP/HTTP when --otel-endpoint, the standard variables
   * or otel.endpoint in chorus.yaml name an endpoint (in that order), the logging exporter with
   * --otel, else none (nothing leaves the machine uninvited). A bad URL or header variable is a
   * usage error naming it, never showing a header value.
   */
  private static io.chorus.observe.OtelSetup otel(
      ChorusSubcommand cmd, RunMixin run, String title) {
    io.chorus.config.OtelSettings file = cmd.config().config().otel();
    io.chorus.observe.OtlpTarget target;
    try {
      target =
          io.chorus.observe.OtlpTarget.resolve(
                  run.otelEndpoint, cmd.ctx().env(), file.endpoint(), file.headers())
              .orElse(null);
    } catch (IllegalArgumentException e) {
      throw new CliException(
          ExitCodes.USAGE,
          (e.getMessage().startsWith("OTLP endpoint") ? "--otel-endpoint: " : "") + e.getMessage());
    }
    io.chorus.observe.OtelSetup setup =
        target != null
            ? io.chorus.observe.OtelSetup.otlp(target, cmd.ctx().time())
            : run.otel ? io.chorus.observe.OtelSetup.toLog(cmd.ctx().time()) : null;
    if (setup != null) {
      String name = cmd.spec == null ? "chorus" : cmd.spec.qualifiedName(" ");
      setup.startRun(
          name.startsWith("chorus ") ? name.substring("chorus ".length()) : name,
          java.util.Map.of("chorus.command", name, "chorus.title", title));
    }
    return setup;
  }

  List<EngineListener> listeners() {
    List<EngineListener> l = new ArrayList<>();
    l.add(new LoggingListener());
    l.add(budget);
    if (trace != null) {
      l.add(trace);
    }
    l.add(health);
    if (progress != null) {
      l.add(progress);
    }
    if (registry != null) {
      l.add(new MetricsListener(registry));
    }
    if (otel != null) {
      l.add(otel.listener());
    }
    if (control != null) {
      l.add(control);
    }
    return l;
  }

  BudgetWatch budget() {
    return budget;
  }

  ProgressListener progress() {
    return progress;
  }

  /** Starts the progress bar's timer. */
  void start() {
    if (progress != null) {
      printer =
          new ProgressPrinter(
                  progress,
                  ctx.err(),
                  ctx.errIsTerminal(),
                  ctx.time(),
                  Duration.ofSeconds(2),
                  PROGRESS_MIN_TOTAL)
              .start();
    }
  }

  /**
   * Stops the progress bar, writes the report, prints metrics. The report is labelled synthetic
   * from the calls it recorded ({@link io.chorus.core.Outcome#synthetic()}), model by model.
   */
  void finish() throws IOException {
    finish(null);
  }

  /** {@link #finish()} for a pattern run: the report shows {@code result} above the calls. */
  void finish(io.chorus.core.PatternResult result) throws IOException {
    if (printer != null) {
      printer.finish();
      printer = null;
    }
    if (run.report != null) {
      Path file = run.report.isAbsolute() ? run.report : ctx.cwd().resolve(run.report);
      try {
        io.chorus.observe.RunTrace t = trace.trace();
        if (cmd.interrupted()) {
          // the title heads every report format: a partial run says so before anything else
          t =
              new io.chorus.observe.RunTrace(
                  ChorusSubcommand.INTERRUPTED_TITLE + t.title(),
                  t.runIds(),
                  t.startedAt(),
                  t.endedAt(),
                  t.calls(),
                  t.breakerTransitions(),
                  t.deadLetters(),
                  t.synthetic());
        }
        // priced as the engine was (chorus.yaml over the defaults), the batch route's saving named
        io.chorus.report.CostFigures cost =
            io.chorus.report.CostFigures.of(
                t,
                io.chorus.config.ConfiguredEngine.prices(cmd.config().config()),
                run.batchApi() ? io.chorus.config.BatchRouting.BATCHED : java.util.Set.of());
        Reports.write(
            t, result == null ? null : io.chorus.report.PatternSection.of(result), cost, file);
      } catch (IllegalArgumentException e) {
        throw new CliException(ExitCodes.USAGE, e.getMessage());
      }
      if (!global.quiet) {
        ctx.err().println("report written to " + run.report);
      }
    }
    if (registry != null) {
      ctx.err().println(MetricsListener.format(registry));
    }
    if (otel != null) {
      otel.close();
    }
    ctx.err().flush();
  }
}
