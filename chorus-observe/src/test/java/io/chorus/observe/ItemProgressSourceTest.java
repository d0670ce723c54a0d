package io.chorus.observe;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.testing.FakeClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * {@link ProgressListener#countItemsFrom}: the items' counts, rate and time left come from the
 * source, asked at most once per interval by {@link ProgressListener#snapshot} and always by {@link
 * ProgressListener#finalSnapshot}; a source that throws leaves its last answer standing.
 */
class ItemProgressSourceTest {

  @Test
  void itemCountsComeFromTheSourceAtMostOncePerIntervalAndAfreshAtTheEnd() {
    FakeClock clock = new FakeClock();
    ProgressListener progress = new ProgressListener(clock);
    AtomicInteger asked = new AtomicInteger();
    AtomicReference<ItemProgress> now =
        new AtomicReference<>(new ItemProgress(235, 170, 10, 12, 60, Duration.ofSeconds(55)));
    progress.countItemsFrom(
        () -> {
          asked.incrementAndGet();
          ItemProgress p = now.get();
          if (p == null) {
            throw new IllegalStateException("store away");
          }
          return p;
        },
        Duration.ofSeconds(2));

    ProgressSnapshot s = progress.snapshot();
    assertThat(s.total()).isEqualTo(235);
    assertThat(s.done()).as("finished, successfully or not").isEqualTo(180);
    assertThat(s.failed()).isEqualTo(10);
    assertThat(s.inFlight()).isEqualTo(12);
    assertThat(s.perMinute()).isEqualTo(60);
    assertThat(s.eta())
        .as("the source's, not the pace of this process")
        .isEqualTo(Duration.ofSeconds(55));

    now.set(new ItemProgress(235, 200, 10, 4, 60, Duration.ofSeconds(25)));
    clock.advance(Duration.ofMillis(1500));
    assertThat(progress.snapshot().done())
        .as("within the interval: not asked again")
        .isEqualTo(180);
    assertThat(asked).hasValue(1);
    clock.advance(Duration.ofMillis(500));
    assertThat(progress.snapshot().done()).isEqualTo(210);

    now.set(null);
    clock.advance(Duration.ofSeconds(3));
    assertThat(progress.snapshot().done())
        .as("the source threw: the last answer stands")
        .isEqualTo(210);

    now.set(new ItemProgress(235, 225, 10, 0, 58, null));
    ProgressSnapshot last = progress.finalSnapshot();
    assertThat(last.done()).as("asked afresh within the interval").isEqualTo(235);
    assertThat(last.eta()).isEqualTo(Duration.ZERO);
  }
}
