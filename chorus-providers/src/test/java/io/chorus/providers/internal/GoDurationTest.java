package io.chorus.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class GoDurationTest {

  @ParameterizedTest
  @CsvSource({
    "6m0s, 360000000000",
    "1m26.4s, 86400000000",
    "12ms, 12000000",
    "1h2m3.5s, 3723500000000",
    "500us, 500000",
    "500\u00b5s, 500000",
    "500\u03bcs, 500000",
    "250ns, 250",
    "0s, 0",
    "0, 0",
    "1.5, 1500000000",
    "2h, 7200000000000",
    "0.5ms, 500000",
    "-3s, -3000000000",
  })
  void parses(String text, long nanos) {
    assertThat(GoDuration.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "s", "6x", "1..2s", "ms5", "1m 2s", "abc"})
  void rejectsWithTheTextInTheMessage(String text) {
    assertThatThrownBy(() -> GoDuration.parse(text)).isInstanceOf(IllegalArgumentException.class);
  }
}
