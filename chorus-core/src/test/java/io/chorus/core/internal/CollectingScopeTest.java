package io.chorus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.Provider;
import io.chorus.core.RunResult;
import io.chorus.core.StreamObserver;
import io.chorus.core.Timeline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class CollectingScopeTest {

  private static Provider named(String name) {
    return new Provider() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ChatResponse call(ChatRequest request, CallContext context) {
        throw new UnsupportedOperationException("not called in these tests");
      }

      @Override
      public ChatResponse stream(
          ChatRequest request, CallContext context, StreamObserver observer) {
        throw new UnsupportedOperationException("not called in these tests");
      }
    };
  }

  private static RealEngine engine(Engine.Builder b) {
    return (RealEngine) b.build();
  }

  @Test
  void noMoreThanTheWindowOfTasksHoldAThreadAndEveryTaskStillRunsInOrder() throws Exception {
    try (RealEngine engine = engine(Engine.builder().provider(named("p")))) {
      int n = 40;
      int window = 3;
      AtomicInteger running = new AtomicInteger();
      AtomicInteger mostAtOnce = new AtomicInteger();
      AtomicInteger started = new AtomicInteger();
      Semaphore proceed = new Semaphore(0);
      List<CollectingScope.Body<Integer>> bodies = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        bodies.add(
            (slot, queuedAt) -> {
              mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
              started.incrementAndGet();
              proceed.acquireUninterruptibly();
              running.decrementAndGet();
              return new Outcome.Success<>(index, timeline(index));
            });
      }
      CollectingScope<Integer> scope =
          new CollectingScope<>(
              engine,
              "run-1",
              null,
              FailurePolicy.IGNORE,
              bodies,
              null,
              null,
              null,
              RetryBudget.forRun(engine.config().retry(), n),
              window);
      Thread joiner =
          Thread.ofVirtual()
              .start(
                  () -> {
                    RunResult<Integer> r = scope.execute();
                    assertThat(r.values())
                        .containsExactlyElementsOf(
                            java.util.stream.IntStream.range(0, n).boxed().toList());
                  });
      while (started.get() < window) {
        Thread.onSpinWait();
      }
      // the window is full: nothing else starts until one task ends
      assertThat(started.get()).isEqualTo(window);
      proceed.release();
      while (started.get() < window + 1) {
        Thread.onSpinWait();
      }
      proceed.release(n);
      joiner.join();
      assertThat(started.get()).isEqualTo(n);
      assertThat(mostAtOnce.get()).isLessThanOrEqualTo(window);
    }
  }

  @Test
  void aStopReachesTasksThatHadNotStarted() {
    try (RealEngine engine = engine(Engine.builder().provider(named("p")))) {
      int n = 10;
      List<CollectingScope.Body<Integer>> bodies = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        int index = i;
        bodies.add(
            (slot, queuedAt) ->
                index == 0
                    ? new Outcome.Failure<>(
                        new IllegalStateException("first fails"), timeline(index))
                    : new Outcome.Success<>(index, timeline(index)));
      }
      CollectingScope<Integer> scope =
          new CollectingScope<>(
              engine,
              "run-2",
              null,
              FailurePolicy.FAIL_FAST,
              bodies,
              null,
              null,
              null,
              RetryBudget.forRun(engine.config().retry(), n),
              1);
      RunResult<Integer> r = scope.execute();
      assertThat(r.outcomes()).hasSize(n);
      assertThat(r.outcomes().get(0)).isInstanceOf(Outcome.Failure.class);
      // with a window of one, task 0 ends before any other starts: fail-fast cancels all the rest
      assertThat(r.outcomes().subList(1, n)).allMatch(o -> o instanceof Outcome.Cancelled<Integer>);
      assertThat(r.failure()).contains("task 0 failed");
    }
  }

  @Test
  void theWindowOfACallFanOutIsTwiceWhatTheBulkheadsAdmitOrEverythingWhenUnbounded() {
    Engine.Builder bounded =
        Engine.builder()
            .provider(named("a"))
            .provider(named("b"))
            .limits("a", Limits.concurrency(4))
            .limits("b", Limits.concurrency(8));
    try (RealEngine engine = engine(bounded)) {
      assertThat(engine.launchWindow(10_000)).isEqualTo(2 * 12 + 16);
      assertThat(engine.launchWindow(10)).isEqualTo(10);
    }
    Engine.Builder unbounded =
        Engine.builder()
            .provider(named("a"))
            .provider(named("b"))
            .limits("a", Limits.concurrency(4))
            .limits("b", Limits.NONE);
    try (RealEngine engine = engine(unbounded)) {
      assertThat(engine.launchWindow(10_000)).isEqualTo(10_000);
    }
  }

  private static Timeline timeline(int index) {
    return new Timeline(
        "t/" + index, index, Instant.EPOCH, null, Instant.EPOCH, List.of(), null, null, 0);
  }
}
