package io.chorus.cli;

import io.chorus.core.TimeSource;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.Map;

/** Runs {@code chorus} in process with captured output, a given environment and directories. */
public final class CliRun {

  public final int exitCode;
  public final String out;
  public final String err;

  private CliRun(int exitCode, String out, String err) {
    this.exitCode = exitCode;
    this.out = out;
    this.err = err;
  }

  public static CliRun run(Path cwd, Map<String, String> env, String... args) {
    return run(cwd, env, TimeSource.system(), args);
  }

  /**
   * Runs with {@code time} as the clock; a clock that is also a {@code Sleeper} (chorus-testing's
   * FakeClock) becomes the engine's sleeper, so retry and rate-limit waits pass in no real time.
   */
  public static CliRun run(Path cwd, Map<String, String> env, TimeSource time, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CliContext ctx =
        new CliContext(
            new PrintWriter(out, true),
            new PrintWriter(err, true),
            env,
            cwd,
            cwd.resolve("home"),
            time,
            false);
    int code = Main.run(ctx, args);
    return new CliRun(code, out.toString(), err.toString());
  }

  @Override
  public String toString() {
    return "exit " + exitCode + "\n--- out\n" + out + "\n--- err\n" + err;
  }
}
