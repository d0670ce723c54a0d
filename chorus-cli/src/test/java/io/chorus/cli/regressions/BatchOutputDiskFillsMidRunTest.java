package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "{@code --out} naming … an output disk that fills, fails before any call or names the file —
 * never after paying for everything; no {@code .tmp} left behind." The output (not the journal) on
 * a real 64 KB tmpfs that fills part way through the batch: exit 7 naming the output file and the
 * cause, nothing left as {@code .tmp}; with room again {@code --resume} writes every item once and
 * pays only for the items never answered. Needs root (mount); skipped otherwise ({@code
 * FullOutputDiskIsNamedTest} covers a full disk through {@code /dev/full} everywhere).
 */
class BatchOutputDiskFillsMidRunTest {

  @TempDir Path dir;
  Path disk;
  Simulator sim;

  @AfterEach
  void unmount() throws Exception {
    if (sim != null) {
      sim.close();
    }
    if (disk != null) {
      run("umount", disk.toString());
    }
  }

  private static boolean run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Test
  void theFullOutputIsNamedAndAResumeWithRoomPaysOnlyForWhatWasNeverAnswered() throws Exception {
    Path mnt = Files.createDirectories(dir.resolve("disk"));
    assumeThat(run("mount", "-t", "tmpfs", "-o", "size=64k", "tmpfs", mnt.toString()))
        .as("root may mount a small tmpfs")
        .isTrue();
    disk = mnt;
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= 300; i++) {
      sb.append("{\"custom_id\": \"q")
          .append(i)
          .append("\", \"prompt\": \"")
          .append("tell me about item ")
          .append(i)
          .append(" ")
          .append("x".repeat(200))
          .append("\"}\n");
    }
    Files.writeString(dir.resolve("in.jsonl"), sb);
    sim = Simulator.builder().start();
    Map<String, String> env = Map.of("CHORUS_SIM_URL", sim.baseUrl());
    String out = disk.resolve("out.jsonl").toString();
    List<String> args =
        List.of(
            "batch",
            "in.jsonl",
            "--out",
            out,
            "--model",
            "sim:instant",
            "--journal",
            dir.resolve("j.db").toString(),
            "--concurrency",
            "8");
    CliRun first = CliRun.run(dir, env, args.toArray(String[]::new));
    assertThat(first.exitCode).as(first.toString()).isEqualTo(ExitCodes.STORE_FAILED);
    assertThat(first.err).contains(out).contains("No space left on device").doesNotContain("\tat ");
    // the journal holds the responses in flight: the message names it, not a spill file beside the
    // output on the same full disk ("keeping the responses in flight in …/disk/out.jsonl.spill")
    assertThat(first.err)
        .contains("the responses of the calls in flight go to the journal " + dir.resolve("j.db"))
        .doesNotContain(".spill");
    try (Stream<Path> files = Files.list(disk)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .as("nothing left half-written as .tmp")
          .noneMatch(n -> n.endsWith(".tmp"));
    }
    long paid = sim.stats().totals().requests();
    System.err.println("output disk full: " + paid + " request(s) paid; " + first.err.strip());
    assertThat(paid).as("stopped before paying for everything").isLessThan(300);

    assertThat(run("mount", "-o", "remount,size=4m", disk.toString())).isTrue();
    String[] resume = Stream.concat(args.stream(), Stream.of("--resume")).toArray(String[]::new);
    CliRun resumed = CliRun.run(dir, env, resume);
    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    Set<String> ids = new HashSet<>();
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(Path.of(out))) {
      assertThat(ids.add(json.readTree(line).path("custom_id").asText())).as(line).isTrue();
    }
    assertThat(ids).hasSize(300);
    assertThat(sim.stats().totals().requests()).as("each item paid once").isEqualTo(300);
    try (Stream<Path> files = Files.list(disk)) {
      assertThat(files.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".tmp"));
    }
  }
}
