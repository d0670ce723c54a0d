package io.chorus.advisor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ReadingTest {
  @ParameterizedTest(name = "{0}x -> {1}")
  @CsvSource({
    "0.0, DONT_USE",
    "0.5, DONT_USE",
    "0.9999999, DONT_USE",
    "1.0, NOT_JUSTIFIED",
    "1.1, NOT_JUSTIFIED",
    "1.1999999, NOT_JUSTIFIED",
    "1.2, WORTH_IT_FOR_LARGE_WORK",
    "1.5, WORTH_IT_FOR_LARGE_WORK",
    "2.0, WORTH_IT_FOR_LARGE_WORK",
    "2.0000001, CLEAR_WINNER",
    "50, CLEAR_WINNER"
  })
  void thresholdsOfSeed003(double speedup, Reading expected) {
    assertThat(Reading.of(speedup)).isEqualTo(expected);
  }

  @Test
  void speedupsNearABoundaryKeepThreeDecimals() {
    assertThat(io.chorus.advisor.internal.ReportTable.speedup(0.998)).isEqualTo("0.998x");
    assertThat(io.chorus.advisor.internal.ReportTable.speedup(1.196)).isEqualTo("1.196x");
    assertThat(io.chorus.advisor.internal.ReportTable.speedup(1.0)).isEqualTo("1.00x");
    assertThat(io.chorus.advisor.internal.ReportTable.speedup(1.5)).isEqualTo("1.50x");
  }

  @Test
  void nanIsRejected() {
    assertThatThrownBy(() -> Reading.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
