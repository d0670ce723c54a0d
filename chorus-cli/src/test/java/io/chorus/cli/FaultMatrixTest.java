package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.testing.FakeClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 21's fault matrix: every fault the simulator injects, on the first request of a run,
 * against every command that makes calls ({@code ask}, {@code vote}, {@code deliberate}, {@code
 * batch}), driven in process against the built-in simulator. Each cell asserts the attempts (from
 * the run's JSON report), the waits (on a fake clock: retry-after and backoff cost no real time),
 * the exit code, the message, and that the results already obtained are kept.
 *
 * <p>Retryable faults must be invisible in the result: one extra attempt, the wait the provider
 * asked for (or a backoff), exit 0. Faults that must not be retried (quota, an oversize body) fail
 * that call once, name the cause, and keep every other answer.
 */
class FaultMatrixTest {
  @TempDir Path dir;
  static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One row: the fault rule, the attempt's error kind, whether a retry recovers, the wait check.
   */
  record Fault(
      String name,
      String rule,
      String errorKind,
      boolean retried,
      Predicate<List<Duration>> waits,
      String cause) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Predicate<List<Duration>> exactly(Duration d) {
    return sleeps -> sleeps.contains(d);
  }

  static Predicate<List<Duration>> between(Duration lo, Duration hi) {
    return sleeps -> sleeps.stream().anyMatch(s -> s.compareTo(lo) >= 0 && s.compareTo(hi) <= 0);
  }

  static final Predicate<List<Duration>> BACKOFF = between(Duration.ZERO, Duration.ofMillis(500));
  static final Predicate<List<Duration>> NO_WAIT = List::isEmpty;

  static final List<Fault> FAULTS =
      List.of(
          new Fault(
              "429 retry-after seconds",
              "{kind: rate_limit, retryAfter: 2s, retryAfterHeader: seconds}",
              "rate_limited",
              true,
              exactly(Duration.ofSeconds(2)),
              null),
          new Fault(
              "429 retry-after-ms",
              "{kind: rate_limit, retryAfter: 1500ms, retryAfterHeader: ms}",
              "rate_limited",
              true,
              exactly(Duration.ofMillis(1500)),
              null),
          new Fault(
              "429 retry-after HTTP date",
              "{kind: rate_limit, retryAfter: 2s, retryAfterHeader: date}",
              "rate_limited",
              true,
              between(Duration.ofMillis(500), Duration.ofSeconds(5)),
              null),
          new Fault(
              "429 without header",
              "{kind: rate_limit, retryAfterHeader: none}",
              "rate_limited",
              true,
              BACKOFF,
              null),
          new Fault(
              "429 quota", "{kind: quota_exhausted}", "quota_exhausted", false, NO_WAIT, "quota"),
          new Fault("500", "{kind: server_error}", "server_error", true, BACKOFF, null),
          new Fault("503", "{kind: unavailable}", null, true, BACKOFF, null),
          new Fault("529", "{kind: overloaded}", "overloaded", true, BACKOFF, null),
          new Fault(
              "502 HTML page", "{kind: bad_gateway_html}", "server_error", true, BACKOFF, null),
          new Fault(
              "RST before response",
              "{kind: connection_reset}",
              "connection_failed",
              true,
              BACKOFF,
              null),
          new Fault(
              "RST mid response",
              "{kind: reset_mid_response}",
              "connection_failed",
              true,
              BACKOFF,
              null),
          new Fault("stall after headers", "{kind: stall}", "timeout", true, BACKOFF, null),
          new Fault("stall mid-stream", "{kind: stall_mid_stream}", "timeout", true, BACKOFF, null),
          new Fault(
              "truncated stream",
              "{kind: truncated_stream}",
              "connection_failed",
              true,
              BACKOFF,
              null),
          new Fault(
              "malformed JSON",
              "{kind: malformed_json}",
              "malformed_response",
              true,
              BACKOFF,
              null),
          new Fault("SSE error after 200", "{kind: mid_stream_error}", null, true, BACKOFF, null),
          new Fault(
              "oversize body",
              "{kind: oversize_body}",
              "malformed_response",
              false,
              NO_WAIT,
              "limit"));

  static final List<String> COMMANDS = List.of("ask", "vote", "deliberate", "batch");

  static Stream<Arguments> cells() {
    List<Arguments> cells = new ArrayList<>();
    for (Fault f : FAULTS) {
      for (String c : COMMANDS) {
        cells.add(Arguments.of(f, c));
      }
    }
    return cells.stream();
  }

  /** Each command's exit code without a fault: a retried fault must leave it unchanged. */
  static final Map<String, Integer> BASELINE = new java.util.concurrent.ConcurrentHashMap<>();

  int baseline(String command, Path root) throws Exception {
    Integer known = BASELINE.get(command);
    if (known != null) {
      return known;
    }
    Path clean = Files.createDirectories(root.resolve("baseline-" + command));
    CliRun r = run(clean, command, "faults: []\n", new FakeClock());
    int code = r.exitCode;
    if (!command.equals("deliberate")) {
      assertThat(code).as("no fault x " + command + "\n" + r).isZero();
    }
    BASELINE.put(command, code);
    return code;
  }

  static CliRun run(Path dir, String command, String simConfig, FakeClock clock) throws Exception {
    Files.writeString(dir.resolve("fault.sim.yaml"), simConfig);
    // stalls end on the idle timeout, and the first retry's backoff is at most 0.5 s of fake time
    Files.writeString(dir.resolve("chorus.yaml"), "defaults: {timeouts: {idle: 300ms}}\n");
    Files.writeString(
        dir.resolve("in.jsonl"),
        "{\"custom_id\": \"a\", \"prompt\": \"one\"}\n{\"custom_id\": \"b\", \"prompt\": \"two\"}\n");
    List<String> args =
        new ArrayList<>(
            switch (command) {
              case "ask" -> List.of("ask", "Say hello", "--model", "sim:instant");
              case "vote" ->
                  List.of(
                      "vote",
                      "Is the sky blue?",
                      "--options",
                      "yes,no",
                      "--model",
                      "sim:instant",
                      "--samples",
                      "3");
              case "deliberate" ->
                  List.of(
                      "deliberate",
                      "List 3 benefits of tests",
                      "--model",
                      "sim:instant",
                      "--model",
                      "sim:fast",
                      "--rounds",
                      "1",
                      "--out",
                      "plan.md");
              case "batch" ->
                  List.of("batch", "in.jsonl", "--out", "out.jsonl", "--model", "sim:instant");
              default -> throw new IllegalArgumentException(command);
            });
    args.addAll(List.of("--sim-config", "fault.sim.yaml", "--report", "run.json", "--quiet"));
    return CliRun.run(dir, Map.of(), clock, args.toArray(String[]::new));
  }

  @ParameterizedTest(name = "{0} x {1}")
  @MethodSource("cells")
  void cell(Fault fault, String command) throws Exception {
    FakeClock clock = new FakeClock();
    CliRun r =
        run(
            dir,
            command,
            "faults:\n  - " + fault.rule().replace("}", ", onRequests: [1]}") + "\n",
            clock);
    String cell = fault + " x " + command + "\n" + r;

    JsonNode report = JSON.readTree(dir.resolve("run.json").toFile());
    List<JsonNode> attempts = new ArrayList<>();
    List<JsonNode> llmCalls =
        new ArrayList<>(); // the report also lists tasks (voters, rounds): no attempts
    report
        .path("calls")
        .forEach(
            c -> {
              if (!c.path("attempts").isEmpty()) {
                llmCalls.add(c);
                c.path("attempts").forEach(attempts::add);
              }
            });
    int calls = llmCalls.size();
    JsonNode first =
        attempts.stream()
            .filter(a -> !"succeeded".equals(a.path("result").asText()))
            .findFirst()
            .orElse(null);
    assertThat(first).as(cell).isNotNull();
    if (fault.errorKind() != null) {
      assertThat(first.path("error_kind").asText()).as(cell).isEqualTo(fault.errorKind());
    }
    assertThat(fault.waits().test(clock.sleeps())).as(cell + "\nwaits " + clock.sleeps()).isTrue();
    long failedCalls = 0;
    for (JsonNode c : llmCalls) {
      failedCalls += "success".equals(c.path("outcome").asText()) ? 0 : 1;
    }
    if (fault.retried()) {
      assertThat(attempts).as(cell).hasSize(calls + 1); // one extra attempt, nothing else
      assertThat(failedCalls).as(cell).isZero();
      // the same exit as without the fault (a 1-round deliberation of synthetic answers reaches no
      // consensus and exits 1 either way)
      assertThat(r.exitCode).as(cell).isEqualTo(baseline(command, dir));
    } else {
      assertThat(attempts).as(cell).hasSize(calls); // never retried
      assertThat(failedCalls).as(cell).isEqualTo(1);
      // with --quiet the cause is in the result itself: the batch's output line, the plan's
      // failures
      String shown = r.out + r.err;
      for (String file : List.of("out.jsonl", "out.dead.jsonl", "plan.md")) {
        if (Files.exists(dir.resolve(file))) {
          shown += Files.readString(dir.resolve(file));
        }
      }
      assertThat(shown).as(cell).containsIgnoringCase(fault.cause());
      switch (command) {
        case "ask" ->
            assertThat(r.exitCode)
                .as(cell)
                .isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE); // its only call
        case "batch" ->
            assertThat(r.exitCode)
                .as(cell)
                .isEqualTo(ExitCodes.RUN_FAILED); // an item failed for good
        // a vote that lost one sample still decides (or says it is degraded); a deliberation that
        // lost a
        // participant's answer reports no consensus (1) today, not yet "degraded" (5); never
        // "unavailable"
        case "vote" -> assertThat(r.exitCode).as(cell).isIn(ExitCodes.OK, ExitCodes.DEGRADED);
        default -> assertThat(r.exitCode).as(cell).isIn(ExitCodes.RUN_FAILED, ExitCodes.DEGRADED);
      }
    }
    // results already obtained are kept
    switch (command) {
      case "ask" -> {
        if (fault.retried()) {
          assertThat(r.out).as(cell).isNotBlank();
        }
      }
      case "batch" ->
          assertThat(Files.readAllLines(dir.resolve("out.jsonl")))
              .as(cell)
              .filteredOn(l -> l.contains("\"succeeded\"") || l.contains("\"text\""))
              .hasSizeGreaterThanOrEqualTo(fault.retried() ? 2 : 1);
      case "deliberate" -> assertThat(dir.resolve("plan.md")).as(cell).exists();
      case "vote" -> assertThat(r.out).as(cell).contains("Vote");
      default -> {}
    }
  }
}
