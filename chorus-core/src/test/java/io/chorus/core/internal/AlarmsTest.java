package io.chorus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlarmsTest {
  @Test
  void firesWhenTheInjectedClockPassesTheDeadlineAndNotBefore() throws Exception {
    ManualTime time = new ManualTime();
    Alarms alarms = new Alarms(time);
    CountDownLatch fired = new CountDownLatch(1);
    AtomicInteger cancelledRuns = new AtomicInteger();
    alarms.schedule(Duration.ofSeconds(5).toNanos(), fired::countDown);
    alarms.schedule(Duration.ofSeconds(1).toNanos(), cancelledRuns::incrementAndGet).cancel();
    assertThat(fired.await(50, TimeUnit.MILLISECONDS)).isFalse();
    time.advance(Duration.ofSeconds(6));
    assertThat(fired.await(5, TimeUnit.SECONDS)).isTrue();
    assertThat(cancelledRuns).hasValue(0);
    alarms.shutdown();
  }
}
