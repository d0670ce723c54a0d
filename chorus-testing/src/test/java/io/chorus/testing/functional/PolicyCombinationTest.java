package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Call;
import io.chorus.core.ChatResponse;
import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.HedgePolicy;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Timeouts;
import io.chorus.testing.EventRecorder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every combination of retry x circuit breaker x rate limit x hedging x failure policy (80 of them)
 * over the same 20 calls on a fake clock: five flaky calls fail once, three are invalid. Checks the
 * invariants that must hold whatever the combination, the exact counts where they follow from the
 * combination alone, and, for every cell, breakers and hedges included, the exact run: each call's
 * outcome and attempts, the order the provider saw the requests in, the calls made and the engine
 * time taken.
 *
 * <p>The exact runs are possible because the engine runs on the fake clock's threads ({@code
 * threads(clock)}): the clock moves only while every engine thread is idle and wakes one sleeper at
 * a time, and this module's tests run virtual threads on one carrier ({@code
 * jdk.virtualThreadScheduler.parallelism=1} in its pom), so threads that become runnable at the
 * same engine instant run in the order they did so. Each cell runs twice and must repeat itself;
 * {@code policy-matrix.expected} holds the runs, regenerated after a deliberate change of engine
 * behaviour with {@code -Dchorus.matrix.update=true} (then read the diff: it is the change).
 */
class PolicyCombinationTest {
  static final java.nio.file.Path EXPECTED =
      java.nio.file.Path.of("src/test/resources/policy-matrix.expected");
  static final java.util.Map<String, String> expected =
      new java.util.concurrent.ConcurrentSkipListMap<>();
  static final java.util.Map<String, String> actual =
      new java.util.concurrent.ConcurrentSkipListMap<>();

  @org.junit.jupiter.api.BeforeAll
  static void readExpected() throws java.io.IOException {
    if (java.nio.file.Files.exists(EXPECTED)) {
      for (String line : java.nio.file.Files.readAllLines(EXPECTED)) {
        int sep = line.indexOf(" => ");
        if (sep > 0) {
          expected.put(line.substring(0, sep), line.substring(sep + 4));
        }
      }
    }
  }

  @org.junit.jupiter.api.AfterAll
  static void writeExpected() throws java.io.IOException {
    if (Boolean.getBoolean("chorus.matrix.update") && actual.size() == 80) {
      StringBuilder sb = new StringBuilder();
      actual.forEach((k, v) -> sb.append(k).append(" => ").append(v).append('\n'));
      java.nio.file.Files.writeString(EXPECTED, sb);
    }
  }

  /**
   * The run of one cell, as a line: counts, engine time, each call's outcome and attempts, the
   * arrival order.
   */
  static String signature(RunResult<ChatResponse> r, FakeProvider fake, Duration took) {
    StringBuilder sb = new StringBuilder();
    sb.append("ok=")
        .append(r.successes().size())
        .append(" calls=")
        .append(fake.calls())
        .append(" interrupts=")
        .append(fake.interrupts())
        .append(" t=")
        .append(took.toMillis())
        .append("ms |");
    for (Outcome<ChatResponse> o : r.outcomes()) {
      sb.append(' ')
          .append(o.timeline().index())
          .append(':')
          .append(
              o.isSuccess()
                  ? "ok"
                  : o.errorKind() != null ? o.errorKind() : o.getClass().getSimpleName());
      sb.append('[');
      for (io.chorus.core.Attempt a : o.timeline().attempts()) {
        sb.append(a.kind().name().charAt(0)).append(a.result().name().charAt(0));
      }
      sb.append(']');
    }
    sb.append(" | arrivals");
    for (io.chorus.core.ChatRequest q : fake.requests()) {
      sb.append(' ').append(q.messages().get(q.messages().size() - 1).content());
    }
    return sb.toString();
  }

  static Stream<Arguments> combinations() {
    List<Arguments> all = new ArrayList<>();
    for (boolean retry : new boolean[] {false, true}) {
      for (boolean breaker : new boolean[] {false, true}) {
        for (boolean rate : new boolean[] {false, true}) {
          for (boolean hedge : new boolean[] {false, true}) {
            for (FailurePolicy p :
                List.of(
                    FailurePolicy.IGNORE,
                    FailurePolicy.FAIL_FAST,
                    FailurePolicy.quorum(5),
                    FailurePolicy.REQUIRE_ALL,
                    FailurePolicy.retry(1))) {
              all.add(Arguments.of(retry, breaker, rate, hedge, p));
            }
          }
        }
      }
    }
    return all.stream();
  }

  static boolean flaky(int i) {
    return i % 4 == 0;
  }

  static boolean invalid(int i) {
    return i % 7 == 3;
  }

  @ParameterizedTest(name = "retry={0} breaker={1} rate={2} hedge={3} policy={4}")
  @MethodSource("combinations")
  void invariantsHold(
      boolean retry, boolean breaker, boolean rate, boolean hedge, FailurePolicy policy) {
    String cell =
        "retry="
            + retry
            + " breaker="
            + breaker
            + " rate="
            + rate
            + " hedge="
            + hedge
            + " policy="
            + policy;
    String first = runCell(retry, breaker, rate, hedge, policy);
    String second = runCell(retry, breaker, rate, hedge, policy);
    assertThat(second).as("the same cell run again repeats itself exactly").isEqualTo(first);
    actual.put(cell, first);
    if (!Boolean.getBoolean("chorus.matrix.update")) {
      assertThat(first).as(cell + " (policy-matrix.expected)").isEqualTo(expected.get(cell));
    }
  }

  private String runCell(
      boolean retry, boolean breaker, boolean rate, boolean hedge, FailurePolicy policy) {
    FakeClock clock = new FakeClock();
    EventRecorder events = new EventRecorder();
    FakeProvider.Builder fb =
        FakeProvider.builder("fake").clock(clock).latency(Duration.ofMillis(100));
    for (int i = 0; i < 20; i++) {
      if (flaky(i)) {
        fb.onMessage("q" + i, Reply.serverError(), Reply.text("ok " + i));
      } else if (invalid(i)) {
        fb.onMessage("q" + i, Reply.error(new ProviderError.InvalidRequest("bad " + i, 400)));
      }
    }
    FakeProvider fake = fb.build();
    Engine.Builder b =
        Engine.builder()
            .provider(fake)
            .time(clock)
            .sleeper(clock)
            .threads(clock)
            .seed(17)
            .listener(events)
            .timeouts(Timeouts.DEFAULT.withAttempt(Duration.ofHours(1)))
            .retry(retry ? RetryPolicy.builder().unlimitedBudget().build() : RetryPolicy.NONE)
            .circuitBreaker(
                breaker
                    ? CircuitBreakerPolicy.builder().windowSize(4).minimumCalls(4).build()
                    : CircuitBreakerPolicy.NONE)
            .limits("fake", rate ? new Limits(4, 6, 0) : Limits.concurrency(4));
    if (hedge) {
      b.hedge(HedgePolicy.after(Duration.ofMillis(50)));
    }
    RunResult<ChatResponse> r;
    Duration took;
    try (Engine e = b.build()) {
      r = e.callAll(Call.all(FailurePolicyTest.requests(20)), RunOptions.of(policy));
      took = clock.elapsed();
    }

    // accounted for: one outcome per call, in order; every start has its end
    assertThat(r.outcomes()).hasSize(20);
    for (int i = 0; i < 20; i++) {
      assertThat(r.outcomes().get(i).timeline().index()).isEqualTo(i);
    }
    events.assertPaired();
    assertThat(events.count("callEnd")).isEqualTo(20);
    // every provider call is exactly one recorded attempt
    long attempts = r.outcomes().stream().mapToLong(o -> o.timeline().attempts().size()).sum();
    assertThat(attempts).isEqualTo(fake.calls());
    // an invalid request reaches the provider once (twice with a hedge) and is never retried after
    // its
    // answer; a call refused by an open breaker before it reached the provider may be tried again
    for (int i = 0; i < 20; i++) {
      if (invalid(i)) {
        String q = "q" + i;
        long arrivals =
            fake.requests().stream()
                .filter(x -> x.messages().get(x.messages().size() - 1).content().equals(q))
                .count();
        assertThat(arrivals).as(q).isLessThanOrEqualTo(hedge ? 2 : 1);
        assertThat(r.outcomes().get(i).isSuccess()).isFalse();
      }
    }
    // the bulkhead held
    assertThat(fake.peakConcurrency()).isLessThanOrEqualTo(4);
    // the request bucket held: at most 6 + one per 10 s of engine time
    if (rate) {
      List<Instant> starts = new ArrayList<>(fake.startTimes());
      starts.sort(null);
      for (int k = 0; k < starts.size(); k++) {
        long seconds = Duration.between(FakeClock.EPOCH, starts.get(k)).toSeconds();
        assertThat(k + 1L).isLessThanOrEqualTo(6 + seconds / 10 + 1);
      }
    }
    // the failure policy decided as documented
    long successes = r.successes().size();
    switch (policy) {
      case FailurePolicy.Ignore i -> assertThat(r.failed()).isFalse();
      case FailurePolicy.Retry rr -> assertThat(r.failed()).isFalse();
      case FailurePolicy.RequireAll ra -> assertThat(r.failed()).isTrue();
      case FailurePolicy.FailFast ff -> {
        assertThat(r.failed()).isTrue();
        assertThat(r.outcomes())
            .anyMatch(o -> o instanceof Outcome.Failure || o instanceof Outcome.TimedOut);
      }
      case FailurePolicy.Quorum q -> assertThat(r.failed()).isEqualTo(successes < 5);
      case FailurePolicy.FailedIf f -> throw new AssertionError("not in the matrix");
      case FailurePolicy.StopWhen w -> throw new AssertionError("not in the matrix");
    }
    // where the combination fixes the numbers, check them exactly
    boolean retried = retry || policy instanceof FailurePolicy.Retry;
    if (!breaker
        && !hedge
        && (policy instanceof FailurePolicy.Ignore
            || policy instanceof FailurePolicy.Retry
            || policy instanceof FailurePolicy.RequireAll)) {
      assertThat(successes).isEqualTo(retried ? 17 : 12);
      assertThat(fake.calls()).isEqualTo(retried ? 25 : 20);
    }
    if (!breaker) {
      assertThat(r.outcomes()).noneMatch(o -> "CircuitOpenException".equals(o.errorKind()));
    }
    return signature(r, fake, took);
  }
}
