package io.chorus.cli;

import io.chorus.core.TimeSource;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;

/**
 * What a command may touch of the outside world, injected so that tests run {@link Main} in
 * process: output streams, environment, directories, clock and whether stderr is a terminal.
 *
 * @param out standard output (answers, reports, JSON)
 * @param err standard error (progress, notices, errors)
 * @param env environment variables
 * @param cwd the project directory (where {@code chorus.yaml} is looked up)
 * @param home the user's home directory
 * @param time the clock for progress and reports
 * @param errIsTerminal whether the console is an interactive terminal: a live progress bar with
 *     ANSI on stderr, and {@code ask} streams its answer to stdout (else prints it once complete)
 */
public record CliContext(
    PrintWriter out,
    PrintWriter err,
    Map<String, String> env,
    Path cwd,
    Path home,
    TimeSource time,
    boolean errIsTerminal) {

  public CliContext {
    env = Map.copyOf(env);
  }

  /** The real process: System.out/err, the environment, the working directory. */
  public static CliContext system() {
    return new CliContext(
        new PrintWriter(System.out, true),
        new PrintWriter(System.err, true),
        System.getenv(),
        Path.of("").toAbsolutePath(),
        Path.of(System.getProperty("user.home")),
        TimeSource.system(),
        interactive(System.getenv()));
  }

  /**
   * Whether to draw the live progress bar: {@code CHORUS_PROGRESS=ansi|plain} decides when set;
   * otherwise a console that is a terminal (Java cannot see whether stderr alone is redirected, so
   * redirecting stdout also gives plain lines), unless {@code TERM=dumb}.
   */
  static boolean interactive(java.util.Map<String, String> env) {
    String forced = env.get("CHORUS_PROGRESS");
    if (forced != null && !forced.isBlank()) {
      return forced.strip().equalsIgnoreCase("ansi");
    }
    java.io.Console c = System.console();
    if (c == null || "dumb".equals(env.get("TERM"))) {
      return false;
    }
    try {
      // Console.isTerminal() exists from Java 22 on, where System.console() is no longer null when
      // redirected
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true;
    }
  }

  @Override
  public String toString() {
    return "CliContext[cwd=" + cwd + "]"; // env holds API keys
  }
}
