package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.sim.internal.GoDuration;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class GoDurationTest {
  @Test
  void formatsLikeGo() {
    assertThat(GoDuration.format(Duration.ofMinutes(6))).isEqualTo("6m0s");
    assertThat(GoDuration.format(Duration.ofMillis(86_400))).isEqualTo("1m26.4s");
    assertThat(GoDuration.format(Duration.ofMillis(12))).isEqualTo("12ms");
    assertThat(GoDuration.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(GoDuration.format(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(GoDuration.format(Duration.ofHours(1).plusSeconds(1))).isEqualTo("1h0m1s");
    assertThat(GoDuration.format(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
  }
}
