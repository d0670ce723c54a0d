package io.chorus.observe.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.Task;
import io.chorus.observe.ProgressListener;
import io.chorus.observe.ProgressSnapshot;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The progress line showed more done than total ("301/300"): a top-level {@code Engine.stream}
 * announces 0 tasks (its size is not known), so every task that ended counted as done over a total
 * that never grew. Tasks of an unsized run are now counted as they are queued, and a snapshot reads
 * done before total.
 */
class ProgressDonePassedTotalTest {

  @Test
  void aStreamedRunNeverShowsMoreDoneThanTotal() {
    FakeClock clock = new FakeClock();
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.serverError(), Reply.text("ok"), Reply.text("ok"))
            .build();
    ProgressListener progress = new ProgressListener(clock);
    List<ProgressSnapshot> seen = new CopyOnWriteArrayList<>();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .time(clock)
            .sleeper(clock)
            .seed(1)
            .retry(RetryPolicy.builder().maxRetries(1).build())
            .listener(progress)
            .build()) {
      List<Task<String>> tasks = new ArrayList<>();
      IntStream.range(0, 300)
          .forEach(
              i ->
                  tasks.add(
                      ctx ->
                          ctx.engine()
                              .call(ChatRequest.of("fake:m", "item " + i))
                              .optionalValue()
                              .map(r -> r.text())
                              .orElse("failed")));
      e.stream(tasks.iterator(), RunOptions.DEFAULT, 16, (i, o) -> seen.add(progress.snapshot()));
    }
    assertThat(seen)
        .hasSize(300)
        .allSatisfy(s -> assertThat(s.done()).isLessThanOrEqualTo(s.total()));
    ProgressSnapshot last = progress.snapshot();
    assertThat(last.total()).isEqualTo(300);
    assertThat(last.done()).isEqualTo(300);
  }
}
