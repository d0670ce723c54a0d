package io.chorus.observe.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.RunOptions;
import io.chorus.core.Task;
import io.chorus.observe.ProgressListener;
import io.chorus.observe.ProgressSnapshot;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * A batch of 300 items showed {@code 131/431} when it stopped after 131 calls: {@code chorus batch}
 * announces its items with {@link ProgressListener#addTotal}, and the listener also counted each
 * task of the batch's unsized {@code Engine.stream} as it was queued, so the total grew by one per
 * item admitted. An announced total now stands for the stream's tasks.
 */
class ProgressTotalCountedTwiceTest {

  @Test
  void aBatchWhoseItemsWereAnnouncedKeepsItsTotal() {
    FakeClock clock = new FakeClock();
    FakeProvider fake = FakeProvider.builder("fake").clock(clock).build();
    ProgressListener progress = new ProgressListener(clock);
    progress.addCompleted(20); // done by an earlier run
    progress.addTotal(280); // still to run
    List<ProgressSnapshot> seen = new CopyOnWriteArrayList<>();
    try (Engine e =
        Engine.builder()
            .provider(fake)
            .time(clock)
            .sleeper(clock)
            .seed(1)
            .listener(progress)
            .build()) {
      List<Task<String>> tasks = new ArrayList<>();
      IntStream.range(0, 131)
          .forEach(
              i ->
                  tasks.add(
                      ctx ->
                          ctx.engine()
                              .call(ChatRequest.of("fake:m", "item " + i))
                              .optionalValue()
                              .map(r -> r.text())
                              .orElse("failed")));
      // the run stops admitting after 131 items (a full disk): the rest stay unfinished
      e.stream(tasks.iterator(), RunOptions.DEFAULT, 8, (i, o) -> seen.add(progress.snapshot()));
    }
    assertThat(seen).hasSize(131).allSatisfy(s -> assertThat(s.total()).isEqualTo(300));
    ProgressSnapshot last = progress.snapshot();
    assertThat(last.done()).isEqualTo(151);
    assertThat(last.total()).isEqualTo(300);
  }
}
