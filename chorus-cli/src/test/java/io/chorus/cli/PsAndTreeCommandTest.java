package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chorus ps} and {@code chorus tree PID} against a real {@code chorus vote} process on a
 * slow simulated model (5 s to the first token, two calls at a time), read through its control
 * socket while it runs.
 */
class PsAndTreeCommandTest {

  @TempDir Path dir;

  @Test
  void psListsTheRunningVoteAndTreeShowsItsCallsInFlightAndQueued() throws Exception {
    Files.writeString(dir.resolve("slow.sim.yaml"), "models:\n  slowpoke: {ttft: 5s}\n");
    Files.writeString(
        dir.resolve("chorus.yaml"), "providers:\n  sim: {limits: {concurrency: 2}}\n");
    Map<String, String> env = Map.of("CHORUS_CONTROL_DIR", dir.resolve("control").toString());
    ChorusProcess vote =
        ChorusProcess.start(
            dir,
            env,
            "vote",
            "vote",
            "Spam?",
            "--options",
            "spam,ham",
            "--model",
            "sim:slowpoke",
            "--samples",
            "3",
            "--sim-config",
            "slow.sim.yaml",
            "--quiet");
    String pid = String.valueOf(vote.process.pid());
    try {
      CliRun tree = null;
      // a JVM starting on a loaded machine can take long before its run begins
      long end = System.nanoTime() + Duration.ofSeconds(150).toNanos();
      while (System.nanoTime() < end && vote.process.isAlive()) {
        tree = CliRun.run(dir, env, "tree", pid);
        if (tree.exitCode == 0
            && tree.out.split("in flight: attempt", -1).length - 1 >= 2
            && tree.out.contains(": queued for ")) {
          break;
        }
        Thread.sleep(50);
      }
      assertThat(tree).isNotNull();
      assertThat(tree.exitCode).as(tree + "\n--- vote\n" + vote.err()).isZero();
      assertThat(tree.out)
          .as(tree.out)
          .containsPattern("(?m)^run vote\\S* run_\\S+ \\(3 tasks, running \\d+")
          .containsPattern("(?m)^  call run_\\S+/0 sim:slowpoke: (in flight|queued|admitted)")
          .containsPattern("(?m)^    attempt 1 \\(first\\) to sim:slowpoke: in flight for \\d+")
          .contains(": queued for "); // the third waits for one of the two slots
      CliRun ps = CliRun.run(dir, env, "ps");
      assertThat(ps.exitCode).as(ps.toString()).isZero();
      assertThat(ps.out)
          .contains("PID")
          .contains("IN FLIGHT")
          .containsPattern(
              "(?m)^" + pid + "\\s+chorus vote\\s+run_\\S+\\s+\\d+\\s+\\d+\\s+\\d+\\s+\\$");
      var counts =
          java.util.regex.Pattern.compile(
                  "(?m)^" + pid + "\\s+chorus vote\\s+run_\\S+\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)")
              .matcher(ps.out);
      assertThat(counts.find()).isTrue();
      int done = Integer.parseInt(counts.group(1));
      int inFlight = Integer.parseInt(counts.group(2));
      int waiting = Integer.parseInt(counts.group(3));
      assertThat(done + inFlight + waiting).as(ps.out).isEqualTo(3);
      assertThat(inFlight).as(ps.out).isBetween(1, 2); // never more than the limit
      CliRun json = CliRun.run(dir, env, "ps", "--json");
      assertThat(json.out).contains("\"pid\":" + pid).contains("\"command\":\"chorus vote\"");
      assertThat(vote.waitFor(Duration.ofSeconds(120))).as(vote.err()).isZero();
      CliRun none = CliRun.run(dir, env, "ps");
      assertThat(none.out).contains("no Chorus process running as this user");
      assertThat(dir.resolve("control").resolve(pid + ".sock")).doesNotExist();
      CliRun gone = CliRun.run(dir, env, "tree", pid);
      assertThat(gone.exitCode).isEqualTo(ExitCodes.USAGE);
      assertThat(gone.err).contains("no running Chorus process " + pid + " of this user");
    } finally {
      vote.process.destroyForcibly();
    }
  }
}
