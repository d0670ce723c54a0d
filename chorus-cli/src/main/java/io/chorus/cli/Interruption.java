package io.chorus.cli;

import io.chorus.core.Engine;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * What Ctrl-C does to the running command. The first stops admitting calls and gives the calls in
 * flight {@code --grace} to finish ({@link Engine#shutdown}); the command then writes what it has
 * and exits 130 ({@link ChorusSubcommand#call}). The second cancels the calls in flight at once
 * (their connections close); the command still writes what it has. A third exits at once, for a
 * command stuck somewhere no engine can stop.
 *
 * <p>Only {@link Main#main} installs the signal handler ({@link #installSignalHandler}); in process
 * (tests) nothing changes unless a test calls {@link #signal()}.
 */
final class Interruption {

  /** The command running in this process, which a Ctrl-C reaches. */
  private static volatile Interruption current;

  private final Duration grace;
  private final PrintWriter err;
  private final AtomicInteger signals = new AtomicInteger();
  private final List<Engine> engines = new CopyOnWriteArrayList<>();

  Interruption(Duration grace, PrintWriter err) {
    this.grace = grace;
    this.err = err;
  }

  /** Routes SIGINT to the running command instead of ending the JVM at once. */
  static void installSignalHandler() {
    try {
      sun.misc.Signal.handle(
          new sun.misc.Signal("INT"),
          s -> {
            Interruption i = current;
            if (i == null) {
              // no command that makes calls (sim, serve, config...): what the JVM does by default,
              // exit 130 running the shutdown hooks (the simulator and the gateway close in theirs)
              System.exit(ExitCodes.INTERRUPTED);
            }
            i.signal();
          });
    } catch (IllegalArgumentException | UnsupportedOperationException e) {
      // no SIGINT here (or it is reserved): Ctrl-C keeps the JVM's default
    }
  }

  /**
   * Makes this the command a Ctrl-C reaches, until {@link #end()}; only commands that make calls
   * do.
   */
  void begin() {
    current = this;
  }

  void end() {
    if (current == this) {
      current = null;
    }
  }

  /** Registers an engine whose calls a Ctrl-C stops; one opened after a Ctrl-C admits nothing. */
  Engine watch(Engine engine) {
    engines.add(engine);
    int n = signals.get();
    if (n > 0) {
      engine.shutdown(n == 1 ? grace : Duration.ZERO);
    }
    return engine;
  }

  /** One Ctrl-C. */
  void signal() {
    int n = signals.incrementAndGet();
    if (n == 1) {
      say(
          "chorus: interrupted: no new calls; waiting up to "
              + io.chorus.config.DurationText.format(grace)
              + " for the calls in flight (Ctrl-C again cancels them)");
      engines.forEach(e -> e.shutdown(grace));
    } else if (n == 2) {
      say("chorus: interrupted again: cancelling the calls in flight; writing what was answered");
      engines.forEach(e -> e.shutdown(Duration.ZERO));
    } else {
      say("chorus: interrupted a third time: exiting now");
      Runtime.getRuntime().halt(ExitCodes.INTERRUPTED);
    }
  }

  /** Whether Ctrl-C was pressed while the command ran. */
  boolean interrupted() {
    return signals.get() > 0;
  }

  private void say(String line) {
    err.println(line);
    err.flush();
  }
}
