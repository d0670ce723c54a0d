package io.chorus.cli;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code chorus} as a real child process (a JVM of its own, on the test's class path), for what
 * only a process shows: signals, exit codes, what is on disk after it ends. Its stdout and stderr
 * go to files in the working directory; the environment is only what the test gives (plus PATH), so
 * no key of the machine reaches it.
 */
public final class ChorusProcess {
  final Process process;
  final Path stdout;
  final Path stderr;

  private ChorusProcess(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  public static ChorusProcess start(Path cwd, Map<String, String> env, String name, String... args)
      throws IOException {
    return start(cwd, env, name, command(args));
  }

  /**
   * The command line that runs {@code chorus args} in a JVM of its own. SIGINT is reset to its
   * default first: a process started in the background by a non-interactive shell ({@code nohup
   * ./mvnw verify &}, some CI runners) ignores SIGINT, every child inherits that, and a JVM that
   * starts with SIGINT ignored never installs its handler, so no Ctrl-C test could reach Chorus.
   * {@code env --default-signal} is GNU coreutils' (8.31 and later); without it the command runs as
   * it is.
   */
  public static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>();
    if (ENV_RESETS_SIGNALS) {
      cmd.addAll(List.of("/usr/bin/env", "--default-signal=INT"));
    }
    cmd.addAll(
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-Xmx256m",
            "-XX:TieredStopAtLevel=1",
            "--enable-native-access=ALL-UNNAMED",
            "-cp",
            System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
            Main.class.getName()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  private static final boolean ENV_RESETS_SIGNALS = envResetsSignals();

  private static boolean envResetsSignals() {
    try {
      Process p =
          new ProcessBuilder("/usr/bin/env", "--default-signal=INT", "true")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      return p.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Runs {@code cmd} (see {@link #command}) in {@code cwd} with only {@code env}, PATH and HOME.
   */
  public static ChorusProcess start(
      Path cwd, Map<String, String> env, String name, List<String> cmd) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    pb.environment().put("HOME", cwd.resolve("home").toString());
    pb.environment().putAll(env);
    Path out = cwd.resolve(name + ".out");
    Path err = cwd.resolve(name + ".err");
    pb.redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    return new ChorusProcess(pb.start(), out, err);
  }

  /** Sends SIGINT, as Ctrl-C on a terminal does. */
  public void interrupt() throws IOException, InterruptedException {
    Process kill =
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IOException("kill -INT " + process.pid() + " failed");
    }
  }

  /** The exit code, or -1 (and the process killed) when it has not ended within {@code limit}. */
  public int waitFor(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
      process.destroyForcibly();
      return -1;
    }
    return process.exitValue();
  }

  public String err() throws IOException {
    return java.nio.file.Files.readString(stderr);
  }

  public String out() throws IOException {
    return java.nio.file.Files.readString(stdout);
  }
}
