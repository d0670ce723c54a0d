package io.chorus.cli;

import io.chorus.config.BudgetSettings;
import io.chorus.config.ChorusConfig;
import io.chorus.config.ConfigLoader;
import io.chorus.config.LoadedConfig;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The base of every {@code chorus} command: the global options, the injected {@link CliContext},
 * configuration loading and logging set-up. Subclasses implement {@link #execute()} and return an
 * {@link ExitCodes exit code}; they throw {@link CliException} for anything the user should read as
 * one line.
 */
public abstract class ChorusSubcommand implements Callable<Integer> {

  @Mixin protected GlobalOptions global;

  @Spec protected CommandSpec spec;

  private LoadedConfig loaded;

  /** Whether this command's calls all failed because the provider cannot be used (exit 4). */
  final ProviderHealth health = new ProviderHealth();

  private final List<Observation> observations = new ArrayList<>();

  /**
   * Gives the engine the context's clock, and its sleeper when the clock is one (a test's fake
   * clock: retry and rate-limit waits then pass in no real time and can be asserted).
   */
  java.util.function.Consumer<io.chorus.core.Engine.Builder> engineTime() {
    io.chorus.core.TimeSource time = ctx().time();
    return b -> {
      if (time instanceof io.chorus.core.Sleeper sleeper) {
        b.time(time).sleeper(sleeper);
      }
    };
  }

  /** The context of the running {@code chorus} process. */
  CliContext ctx() {
    Object root = spec.root().userObject();
    return root instanceof ChorusCommand c ? c.context() : CliContext.system();
  }

  PrintWriter out() {
    return jsonCapture != null ? jsonCapture : ctx().out();
  }

  /**
   * While a command that does not write {@code --json FILE} itself runs: its stdout, for the file.
   */
  private PrintWriter jsonCapture;

  /**
   * Whether the command writes {@code --json FILE.json} itself (JSON to the file, text on stdout);
   * for the others {@link #call()} writes their JSON output to the file and to stdout.
   */
  protected boolean writesJsonFile() {
    return false;
  }

  protected PrintWriter err() {
    return ctx().err();
  }

  /** A notice on stderr, unless --quiet. */
  void notice(String line) {
    if (!global.quiet) {
      err().println(line);
      err().flush();
    }
  }

  /** The effective configuration, loaded once (exit code 3 on errors). */
  LoadedConfig config() {
    if (loaded == null) {
      Path explicit = global.config == null ? null : resolve(global.config);
      ConfigLoader loader = new ConfigLoader(ctx().env());
      loaded = withCommandLine(loader.load(loader.userFile(ctx().home()), ctx().cwd(), explicit));
    }
    return loaded;
  }

  /**
   * The configuration with this command's {@code --max-cost} over {@code budget.max_cost} and its
   * {@code --ca} over {@code ca_file}.
   */
  private LoadedConfig withCommandLine(LoadedConfig l) {
    RunMixin run = runOptions();
    if (run == null) {
      return l;
    }
    ChorusConfig c = l.config();
    List<String> overrides = new ArrayList<>(l.environmentOverrides());
    if (run.maxCost != null) {
      try {
        c = c.withBudget(new BudgetSettings(run.maxCost));
      } catch (IllegalArgumentException e) {
        throw new CliException(
            ExitCodes.USAGE, "--max-cost: " + e.getMessage().replace("max_cost ", ""));
      }
      overrides.add("--max-cost");
    }
    if (run.noCachePrefix) {
      c = c.withDefaults(c.defaults().withCachePrefix(false));
      overrides.add("--no-cache-prefix");
    }
    if (run.ca != null) {
      c = c.withCaFile(inputFile(run.ca, "CA certificate file (--ca)").toString());
      overrides.add("--ca");
    }
    if (run.hedge != null) {
      try {
        c = c.withDefaults(c.defaults().withHedge(run.hedge));
      } catch (IllegalArgumentException e) {
        throw new CliException(
            ExitCodes.USAGE, "--hedge: " + e.getMessage().replaceFirst("^hedge: ", ""));
      }
      overrides.add("--hedge");
    }
    if (run.fallback != null) {
      try {
        c =
            c.withDefaults(
                c.defaults().withFallback(run.fallback.stream().map(String::strip).toList()));
      } catch (IllegalArgumentException e) {
        throw new CliException(
            ExitCodes.USAGE, "--fallback: " + e.getMessage().replaceFirst("^fallback: ", ""));
      }
      overrides.add("--fallback");
    }
    for (String b : run.baseUrl == null ? List.<String>of() : run.baseUrl) {
      int eq = b.indexOf('=');
      if (eq <= 0 || b.substring(0, eq).contains("/")) {
        throw new CliException(
            ExitCodes.USAGE,
            "--base-url: write PROVIDER=URL, e.g. --base-url openai=http://127.0.0.1:8080/v1"); // the value may hold credentials
      }
      try {
        c = c.withBaseUrl(b.substring(0, eq).strip(), b.substring(eq + 1).strip());
      } catch (IllegalArgumentException e) {
        throw new CliException(
            ExitCodes.USAGE, "--base-url " + b.substring(0, eq) + ": " + e.getMessage());
      }
      overrides.add("--base-url " + b.substring(0, eq).strip());
    }
    return c == l.config() ? l : new LoadedConfig(c, l.files(), overrides, l.env());
  }

  /** The options of a command that makes calls, or null for one that makes none. */
  RunMixin runOptions() {
    for (CommandSpec m : spec.mixins().values()) {
      if (m.userObject() instanceof RunMixin r) {
        return r;
      }
    }
    return null;
  }

  /**
   * Called by each {@link Observation} of this command, so that the exit code can say the budget
   * was reached.
   */
  void observed(Observation o) {
    observations.add(o);
  }

  /** A path relative to the project directory. */
  Path resolve(Path p) {
    return p.isAbsolute() ? p : ctx().cwd().resolve(p);
  }

  /**
   * Writes {@code text} to {@code file} (relative to the project), creating folders; says so on
   * stderr.
   */
  void writeOutput(Path file, String text) throws java.io.IOException {
    Path f = resolve(file);
    if (f.toAbsolutePath().getParent() != null) {
      Files.createDirectories(f.toAbsolutePath().getParent());
    }
    Files.writeString(f, text.endsWith("\n") ? text : text + "\n");
    notice("written to " + file);
  }

  /** An input file that must exist and be readable; else a one-line usage error. */
  Path inputFile(Path p, String what) {
    Path r = resolve(p);
    if (!Files.exists(r)) {
      throw CliException.missingFile(p, what);
    }
    if (!Files.isReadable(r) || Files.isDirectory(r)) {
      throw new CliException(ExitCodes.USAGE, what + " is not a readable file: " + p);
    }
    return r;
  }

  @Override
  public final Integer call() throws Exception {
    // every output path and format is checked before anything runs (and before a call is paid)
    OutputTargets.check(spec, global, ctx().cwd());
    LogSetup.configure(
        global.verbose, global.logFile == null ? null : resolve(global.logFile), ctx().err());
    java.io.StringWriter captured = null;
    if (global.jsonFile != null && !writesJsonFile()) {
      captured = new java.io.StringWriter();
      jsonCapture = new PrintWriter(captured);
    }
    RunMixin runMixin = runOptions();
    if (runMixin != null) {
      interruption = new Interruption(runMixin.grace(), err());
      interruption.begin();
    }
    try {
      return executeAndFinish(captured);
    } finally {
      // only now: a Ctrl-C while the output is written still waits for it
      interruption.end();
      for (Observation o : observations) {
        o.closeControl();
      }
    }
  }

  private int executeAndFinish(java.io.StringWriter captured) throws Exception {
    int code;
    try {
      code = execute();
    } catch (CliException e) {
      if (!interruption.interrupted()) {
        throw e;
      }
      // a run cut short by Ctrl-C fails the way its cancelled calls make it: 130 says why
      err().println("chorus: " + e.getMessage());
      code = ExitCodes.RUN_FAILED;
    } catch (Error e) {
      if (e instanceof VirtualMachineError) {
        throw e;
      }
      // e.g. a NoClassDefFoundError from a broken class path: report it as one line like any bug
      throw new java.util.concurrent.ExecutionException(e);
    }
    if (captured != null) {
      jsonCapture.flush();
      jsonCapture = null;
      ctx().out().print(captured);
      writeOutput(global.jsonFile, captured.toString()); // every command honours --json FILE
    }
    if ((code == ExitCodes.RUN_FAILED || code == ExitCodes.DEGRADED)
        && health.everyCallUnavailable()) {
      // one table for every command: a provider that answered no call usefully is exit 4 everywhere
      err()
          .println("chorus: provider unavailable: every call failed; the first: " + health.cause());
      code = ExitCodes.PROVIDER_UNAVAILABLE;
    }
    code = budgetCode(code);
    if (interruption.interrupted()) {
      // after everything was written: what ran is kept, the exit code says the run was cut short
      String resume = resumeHint();
      err()
          .println(
              "chorus: interrupted (Ctrl-C): the output above holds only what was answered before"
                  + (resume != null ? "; continue with: " + resume : ""));
      code = ExitCodes.INTERRUPTED;
    }
    out().flush();
    err().flush();
    return code;
  }

  /**
   * {@link ExitCodes#BUDGET_EXHAUSTED} with one line on stderr when the budget refused calls and
   * the command would otherwise have ended ok, failed or degraded; else {@code code}.
   */
  private int budgetCode(int code) {
    long refused = 0;
    double spent = 0;
    for (Observation o : observations) {
      refused += o.budget().refusedCalls();
      spent += o.budget().costUsd();
    }
    if (refused == 0
        || (code != ExitCodes.OK && code != ExitCodes.RUN_FAILED && code != ExitCodes.DEGRADED)) {
      return code;
    }
    double max = config().config().budget().toBudget().maxCostUsd();
    err()
        .println(
            "chorus: budget of "
                + io.chorus.core.Budget.usd(max)
                + " reached: "
                + refused
                + " call(s) not run; spent "
                + io.chorus.core.Budget.usd(spent)
                + " (partial results above)");
    return ExitCodes.BUDGET_EXHAUSTED;
  }

  /** What a Ctrl-C reaches while this command runs. */
  private Interruption interruption =
      new Interruption(
          java.time.Duration.ofSeconds(10), new PrintWriter(java.io.Writer.nullWriter()));

  /**
   * Registers {@code engine} with Ctrl-C handling (the first Ctrl-C stops it admitting calls);
   * returns it.
   */
  io.chorus.core.Engine interruptible(io.chorus.core.Engine engine) {
    return interruption.watch(engine);
  }

  /** Whether Ctrl-C was pressed while this command ran: its output is partial. */
  boolean interrupted() {
    return interruption.interrupted();
  }

  /** How the title of a run report cut short by Ctrl-C starts. */
  static final String INTERRUPTED_TITLE = "INTERRUPTED (Ctrl-C, partial): ";

  /**
   * {@code text} (a command's Markdown or JSON result) marked as partial when Ctrl-C was pressed: a
   * first line in Markdown, {@code "interrupted": true} first in a JSON object.
   */
  String markInterrupted(String text) {
    if (!interrupted()) {
      return text;
    }
    if (text.startsWith("{")) {
      try {
        com.fasterxml.jackson.databind.node.ObjectNode marked =
            io.chorus.common.internal.Json.MAPPER.createObjectNode();
        marked.put("interrupted", true);
        marked.setAll(
            (com.fasterxml.jackson.databind.node.ObjectNode)
                io.chorus.common.internal.Json.MAPPER.readTree(text));
        return io.chorus.common.internal.Json.pretty(marked);
      } catch (java.io.IOException | ClassCastException e) {
        return text; // not one JSON object: left as it is (the exit code still says 130)
      }
    }
    return "> **INTERRUPTED** (Ctrl-C): calls not answered by then were cancelled; this result is partial.\n\n"
        + text;
  }

  /** The command line that continues this run after a Ctrl-C, or null when there is none. */
  String resumeHint() {
    return null;
  }

  /** Runs the command; returns its exit code. */
  protected abstract int execute() throws Exception;
}
