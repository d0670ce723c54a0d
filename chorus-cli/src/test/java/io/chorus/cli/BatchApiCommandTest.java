package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.sim.FaultKind;
import io.chorus.sim.FaultRule;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chorus batch … --via batch-api} against a simulator that outlives the runs (as a provider
 * does): the batch's items go as one provider batch recorded before it is polled; a run killed
 * (SIGKILL) while the provider works resumes by polling that batch and submits nothing twice;
 * errored items reach the dead letters with the provider's reason and {@code --resubmit-failed}
 * sends only those again; a vote through the batch route is one batch per wave.
 */
class BatchApiCommandTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir Path dir;

  private void input(int n) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = 1; i <= n; i++) {
      sb.append("{\"custom_id\":\"q")
          .append(i)
          .append("\",\"prompt\":\"Question ")
          .append(i)
          .append(": what is ")
          .append(i)
          .append(" squared?\"}\n");
    }
    Files.writeString(dir.resolve("in.jsonl"), sb);
  }

  private List<JsonNode> lines(String file) throws Exception {
    List<JsonNode> out = new ArrayList<>();
    Path p = dir.resolve(file);
    if (!Files.exists(p)) {
      return out;
    }
    for (String l : Files.readAllLines(p)) {
      if (!l.isBlank()) {
        out.add(JSON.readTree(l));
      }
    }
    return out;
  }

  private long submissions() throws Exception {
    return lines("out.provider-batches.jsonl").stream().filter(n -> n.has("submitted")).count();
  }

  @Test
  void aKilledRunResumesByPollingItsBatchAndSubmitsNothingTwice() throws Exception {
    input(8);
    try (Simulator sim =
        Simulator.builder().batches(Duration.ofSeconds(3), Duration.ofHours(1)).start()) {
      Map<String, String> env = Map.of("CHORUS_SIM_URL", sim.baseUrl());
      ChorusProcess first =
          ChorusProcess.start(
              dir,
              env,
              "first",
              "batch",
              "in.jsonl",
              "--out",
              "out.jsonl",
              "--model",
              "sim:fast",
              "--via",
              "batch-api",
              "--poll-interval",
              "50ms",
              "--no-progress");
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (submissions() == 0 && System.nanoTime() < deadline && first.process.isAlive()) {
        Thread.sleep(20);
      }
      assertThat(submissions()).as(first.err()).isEqualTo(1);
      first.process.destroyForcibly(); // SIGKILL while the provider works
      first.process.waitFor();
      assertThat(sim.stats().forModel("fast").requests()).isEqualTo(8);
      assertThat(lines("out.jsonl")).isEmpty();

      CliRun resumed =
          CliRun.run(
              dir,
              env,
              "batch",
              "in.jsonl",
              "--out",
              "out.jsonl",
              "--model",
              "sim:fast",
              "--via",
              "batch-api",
              "--poll-interval",
              "50ms",
              "--resume",
              "--no-progress");
      assertThat(resumed.exitCode).as(resumed.toString()).isZero();
      assertThat(lines("out.jsonl")).hasSize(8);
      assertThat(lines("out.jsonl").stream().map(n -> n.path("custom_id").asText()).distinct())
          .hasSize(8);
      // the resume polled the batch the killed run had submitted: no second submission, no item
      // answered twice
      assertThat(submissions()).isEqualTo(1);
      assertThat(sim.stats().forModel("fast").requests()).isEqualTo(8);
      assertThat(resumed.err)
          .doesNotContain("batch-api: submitted")
          .contains("batch-api: polling (submitted by an earlier run) sim batch_");
    }
  }

  @Test
  void erroredItemsGoToTheDeadLettersAndResubmitFailedSendsOnlyThose() throws Exception {
    input(5);
    try (Simulator sim =
        Simulator.builder()
            .batches(Duration.ofMillis(100), Duration.ofHours(1))
            .fault(FaultRule.on(FaultKind.SERVER_ERROR, 2, 4).forModel("fast"))
            .start()) {
      Map<String, String> env = Map.of("CHORUS_SIM_URL", sim.baseUrl());
      String[] args = {
        "batch",
        "in.jsonl",
        "--out",
        "out.jsonl",
        "--model",
        "sim:fast",
        "--via",
        "batch-api",
        "--poll-interval",
        "20ms",
        "--no-progress"
      };
      CliRun run = CliRun.run(dir, env, args);
      assertThat(run.exitCode).as(run.toString()).isEqualTo(ExitCodes.RUN_FAILED);
      assertThat(lines("out.jsonl")).hasSize(3);
      List<JsonNode> dead = lines("out.dead.jsonl");
      assertThat(dead).hasSize(2);
      assertThat(dead)
          .allSatisfy(
              d ->
                  assertThat(d.path("error").asText())
                      .contains("errored")
                      .contains("simulated fault")
                      .containsPattern("batch batch_\\w+"));
      assertThat(sim.stats().forModel("fast").requests()).isEqualTo(5);

      // a plain resume keeps them failed and sends nothing
      List<String> resume = new ArrayList<>(List.of(args));
      resume.add("--resume");
      CliRun kept = CliRun.run(dir, env, resume.toArray(String[]::new));
      assertThat(kept.exitCode).as(kept.toString()).isEqualTo(ExitCodes.RUN_FAILED);
      assertThat(submissions()).isEqualTo(1);
      assertThat(sim.stats().forModel("fast").requests()).isEqualTo(5);

      List<String> again = new ArrayList<>(List.of(args));
      again.add("--resubmit-failed");
      CliRun resubmitted = CliRun.run(dir, env, again.toArray(String[]::new));
      assertThat(resubmitted.exitCode).as(resubmitted.toString()).isZero();
      assertThat(lines("out.jsonl")).hasSize(5);
      assertThat(lines("out.dead.jsonl")).isEmpty();
      // only the two failed items went again, in one new batch
      assertThat(submissions()).isEqualTo(2);
      assertThat(lines("out.provider-batches.jsonl").get(2).path("ids")).hasSize(2);
      assertThat(sim.stats().forModel("fast").requests()).isEqualTo(7);
    }
  }

  @Test
  void aVoteThroughTheBatchRouteIsOneBatchPerWave() throws Exception {
    try (Simulator sim =
        Simulator.builder().batches(Duration.ofMillis(50), Duration.ofHours(1)).start()) {
      Map<String, String> env = Map.of("CHORUS_SIM_URL", sim.baseUrl());
      CliRun vote =
          CliRun.run(
              dir,
              env,
              "vote",
              "Which is larger, 2 or 3?",
              "--options",
              "two,three",
              "--model",
              "sim:fast",
              "--samples",
              "5",
              "--via",
              "batch-api",
              "--poll-interval",
              "20ms",
              "--no-progress");
      assertThat(vote.exitCode).as(vote.toString()).isIn(0, 1);
      assertThat(vote.err).containsPattern("batch-api: submitted sim batch_\\w+: \\w+ 0/5");
      assertThat(vote.err.lines().filter(l -> l.contains("batch-api: submitted")).count())
          .isEqualTo(1);
      assertThat(sim.stats().forModel("fast").requests()).isEqualTo(5);
    }
  }
}
