package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.ChorusProcess;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: "SIGINT exits 130 in 33 ms with no message and no output written, and re-pays 16 calls
 * on resume". Run as a real child process against a simulator on 127.0.0.1 whose calls take a
 * while, interrupted with {@code kill -INT}: the first Ctrl-C stops admitting calls and lets those
 * in flight finish, the output holds every call answered, stderr says how to resume, exit 130; the
 * resumed run pays only for the calls never sent. A second Ctrl-C cancels the calls in flight at
 * once (long before they would answer) and still exits 130 with its output written.
 */
@Timeout(value = 180)
class SigintLosesWhatWasPaidTest {
  static final int ITEMS = 30;
  static final int CONCURRENCY = 4;

  @TempDir Path dir;
  Simulator sim;

  @BeforeEach
  void start() throws Exception {
    sim =
        Simulator.builder()
            .model(
                "steady",
                ModelBehaviour.builder().ttft(Duration.ofMillis(1500)).tokensPerSecond(0).build())
            .model(
                "hanging",
                ModelBehaviour.builder().ttft(Duration.ofSeconds(120)).tokensPerSecond(0).build())
            .start();
    Files.createDirectories(dir.resolve("home"));
    Files.writeString(
        dir.resolve("in.jsonl"),
        IntStream.range(0, ITEMS)
            .mapToObj(
                i -> "{\"custom_id\": \"item-" + i + "\", \"prompt\": \"question " + i + "\"}")
            .collect(Collectors.joining("\n", "", "\n")));
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  Map<String, String> env() {
    return Map.of("CHORUS_SIM_URL", sim.baseUrl());
  }

  long requests() {
    return sim.stats().totals().requests();
  }

  static void await(BooleanSupplier condition, String what) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      Thread.sleep(20);
    }
  }

  List<String> batch(String model, String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "batch",
                "in.jsonl",
                "--out",
                "out.jsonl",
                "--model",
                "sim:" + model,
                "--journal",
                "journal.db",
                "--concurrency",
                Integer.toString(CONCURRENCY),
                "--no-progress"));
    args.addAll(List.of(more));
    return args;
  }

  @Test
  void firstCtrlCKeepsEveryAnsweredCallAndResumePaysOnlyForTheRest() throws Exception {
    ChorusProcess p =
        ChorusProcess.start(dir, env(), "first", batch("steady").toArray(String[]::new));
    await(() -> requests() >= CONCURRENCY, "the first calls to reach the simulator");
    p.interrupt();
    int code = p.waitFor(Duration.ofSeconds(60));
    String err = p.err();
    assertThat(code).as(err).isEqualTo(130);
    long paid = requests();
    assertThat(paid).as("admission stopped at the Ctrl-C").isLessThan(ITEMS);
    List<String> out = Files.readAllLines(dir.resolve("out.jsonl"));
    // the calls in flight got the grace to finish: every request the simulator answered is in the
    // output
    assertThat(out).as(err).hasSize((int) paid);
    assertThat(err)
        .contains(
            "interrupted", "continue with: chorus batch in.jsonl --out out.jsonl", "--resume");
    assertThat(Files.exists(dir.resolve("out.dead.jsonl")))
        .as("nothing cancelled counts as failed")
        .isFalse();

    ChorusProcess resumed =
        ChorusProcess.start(
            dir, env(), "resumed", batch("steady", "--resume").toArray(String[]::new));
    assertThat(resumed.waitFor(Duration.ofSeconds(120))).as(resumed.err()).isZero();
    assertThat(requests()).as("no call answered before the Ctrl-C is paid again").isEqualTo(ITEMS);
    List<String> all = Files.readAllLines(dir.resolve("out.jsonl"));
    assertThat(all).hasSize(ITEMS);
    assertThat(
            all.stream().map(l -> l.replaceAll(".*\"custom_id\":\"([^\"]+)\".*", "$1")).distinct())
        .hasSize(ITEMS);
  }

  @Test
  void secondCtrlCCancelsTheCallsInFlightAtOnceAndStillWritesTheOutput() throws Exception {
    ChorusProcess p =
        ChorusProcess.start(
            dir, env(), "twice", batch("hanging", "--grace", "10m").toArray(String[]::new));
    await(
        () -> requests() >= CONCURRENCY && sim.stats().openConnections() >= CONCURRENCY,
        "calls in flight");
    p.interrupt();
    await(
        () -> {
          try {
            return p.err().contains("interrupted:");
          } catch (java.io.IOException e) {
            return false;
          }
        },
        "the first Ctrl-C to be seen");
    p.interrupt();
    // the calls would answer in 120 s and the grace is 10 minutes: only cancelling them (which
    // closes
    // their connections) ends the process sooner
    int code = p.waitFor(Duration.ofSeconds(60));
    String err = p.err();
    assertThat(code).as(err).isEqualTo(130);
    assertThat(err).contains("cancelling the calls in flight", "--resume");
    assertThat(requests()).isEqualTo(CONCURRENCY);
    assertThat(Files.readAllLines(dir.resolve("out.jsonl")))
        .isEmpty(); // written, with nothing answered
  }

  @Test
  void aVoteInterruptedWritesItsPartialResultMarkedInterrupted() throws Exception {
    ChorusProcess p =
        ChorusProcess.start(
            dir,
            env(),
            "vote",
            "vote",
            "Is the sky blue?",
            "--options",
            "yes,no",
            "--model",
            "sim:steady",
            "--samples",
            "12",
            "--no-progress",
            "--report",
            "run.md");
    await(() -> requests() >= 1, "the first sample in flight");
    p.interrupt();
    int code = p.waitFor(Duration.ofSeconds(60));
    String err = p.err();
    assertThat(code).as(err).isEqualTo(130);
    assertThat(p.out()).startsWith("> **INTERRUPTED**");
    assertThat(Files.readString(dir.resolve("run.md"))).contains("INTERRUPTED");
  }

  @Test
  void commandsThatMakeNoCallsStillEndOnTheFirstCtrlC() throws Exception {
    ChorusProcess p = ChorusProcess.start(dir, Map.of(), "sim", "sim", "--port", "0");
    await(
        () -> {
          try {
            return p.out().contains("listening on");
          } catch (java.io.IOException e) {
            return false;
          }
        },
        "the simulator to listen");
    p.interrupt();
    assertThat(p.waitFor(Duration.ofSeconds(30))).as(p.err()).isEqualTo(130);
  }
}
