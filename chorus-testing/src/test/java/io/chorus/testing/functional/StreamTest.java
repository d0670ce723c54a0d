package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.StreamSummary;
import io.chorus.core.Task;
import io.chorus.testing.FakeProvider;
import java.util.BitSet;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** {@link Engine#stream}: an unbounded fan-out through the public API only. */
class StreamTest {

  /** Yields {@code n} tasks lazily, counting how far ahead of completion it was asked. */
  static final class Lazy implements Iterator<Task<String>> {
    final long n;
    volatile long produced;

    Lazy(long n) {
      this.n = n;
    }

    @Override
    public boolean hasNext() {
      return produced < n;
    }

    @Override
    public Task<String> next() {
      long i = produced++;
      return ctx ->
          ctx.engine().call(ChatRequest.of("fake:m", "q" + i)).optionalValue().orElseThrow().text();
    }
  }

  @Test
  void everyTaskReachesTheSinkOnceAndAtMostTheWindowRunsAtOnce() {
    FakeProvider fake = FakeProvider.echo("fake");
    int window = 8;
    AtomicInteger inSink = new AtomicInteger();
    AtomicInteger maxAhead = new AtomicInteger();
    AtomicLong completed = new AtomicLong();
    BitSet seen = new BitSet();
    Lazy tasks = new Lazy(20_000);
    try (Engine e = Engine.builder().provider(fake).defaultLimits(Limits.concurrency(64)).build()) {
      StreamSummary s =
          e.stream(
              tasks,
              RunOptions.DEFAULT,
              window,
              (i, o) -> {
                inSink.incrementAndGet();
                maxAhead.accumulateAndGet((int) (tasks.produced - completed.get()), Math::max);
                assertThat(o.isSuccess()).isTrue();
                synchronized (seen) {
                  assertThat(seen.get((int) i)).as("index %d reached the sink twice", i).isFalse();
                  seen.set((int) i);
                }
                completed.incrementAndGet();
              });
      assertThat(s.started()).isEqualTo(20_000);
      assertThat(s.succeeded()).isEqualTo(20_000);
      assertThat(s.failed()).isZero();
      assertThat(s.usage().totalTokens()).isPositive();
    }
    assertThat(seen.cardinality()).isEqualTo(20_000);
    assertThat(maxAhead.get())
        .as("tasks taken from the iterator but not yet through the sink")
        .isLessThanOrEqualTo(window);
    assertThat(fake.peakConcurrency()).isLessThanOrEqualTo(window);
  }

  @Test
  void aSinkThatThrowsStopsAdmittingLetsInFlightTasksReachTheSinkAndIsRethrown() {
    FakeProvider fake = FakeProvider.echo("fake");
    AtomicInteger reached = new AtomicInteger();
    Lazy tasks = new Lazy(1_000_000);
    try (Engine e = Engine.builder().provider(fake).build()) {
      assertThatThrownBy(
              () ->
                  e.stream(
                      tasks,
                      RunOptions.DEFAULT,
                      4,
                      (i, o) -> {
                        if (reached.incrementAndGet() == 10) {
                          throw new IllegalStateException("disk full");
                        }
                      }))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage("disk full");
    }
    assertThat(tasks.produced).as("admission stopped at the failure").isLessThan(10 + 4 + 1);
    assertThat(reached.get())
        .as("every started task reached the sink")
        .isEqualTo((int) tasks.produced);
  }

  @Test
  void failFastStopsAdmittingAndNamesTheFailure() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .onMessage(
                "q5",
                FakeProvider.Reply.error(
                    new io.chorus.core.ProviderError.InvalidRequest("bad", 400)))
            .build();
    Lazy tasks = new Lazy(1_000_000);
    try (Engine e =
        Engine.builder().provider(fake).retry(io.chorus.core.RetryPolicy.NONE).build()) {
      AtomicLong producedAtFailure = new AtomicLong(Long.MAX_VALUE);
      StreamSummary s =
          e.stream(
              tasks,
              RunOptions.of(FailurePolicy.FAIL_FAST),
              2,
              (i, o) -> {
                if (!o.isSuccess()) {
                  producedAtFailure.accumulateAndGet(tasks.produced, Math::min);
                }
              });
      assertThat(s.failure()).startsWith("a task failed");
      // admission stops when the failure is known, before its sink runs: at most the one task the
      // admission loop may have been taking from the iterator at that moment follows it
      assertThat(s.started())
          .as("admitted after the failure")
          .isLessThanOrEqualTo(producedAtFailure.get() + 1);
      assertThat(s.failed()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void anEmptyIteratorEndsAtOnce() {
    try (Engine e = Engine.builder().provider(FakeProvider.echo("fake")).build()) {
      StreamSummary s =
          e.stream(
              java.util.Collections.<Task<String>>emptyIterator(),
              RunOptions.DEFAULT,
              4,
              (long i, Outcome<String> o) -> {});
      assertThat(s.started()).isZero();
      assertThat(s.failure()).isNull();
    }
  }
}
