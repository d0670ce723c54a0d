package io.chorus.common.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The one duration grammar: what users write, and what providers send in rate-limit headers. */
class DurationsTest {

  @ParameterizedTest
  @CsvSource({
    "500ms, 500000000",
    "1m30s, 90000000000",
    "2h, 7200000000000",
    "1.5s, 1500000000",
    "PT1M30S, 90000000000",
    "pt30s, 30000000000",
    "PT0.5S, 500000000",
    "6m0s, 360000000000",
    "1m26.4s, 86400000000",
    "12ms, 12000000",
    "1h2m3.5s, 3723500000000",
    "500us, 500000",
    "500\u00b5s, 500000",
    "500\u03bcs, 500000",
    "250ns, 250",
    "0s, 0",
    "0.5ms, 500000",
    "-3s, -3000000000",
    "500 ms, 500000000",
    "' 10m ', 600000000000",
    "30S, 30000000000",
    "1H, 3600000000000",
  })
  void parses(String text, long nanos) {
    assertThat(Durations.parse(text)).isEqualTo(Duration.ofNanos(nanos));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        " ",
        "s",
        "6x",
        "1..2s",
        "ms5",
        "1m 2s",
        "abc",
        "PT",
        "P1X",
        "1.5.5s",
        "+",
        "10 m 5 s",
        "5s ms"
      })
  void rejectsNamingTheTextAndWhatWasExpected(String text) {
    assertThatThrownBy(() -> Durations.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'" + text + "'")
        .hasMessageContaining("expected a duration such as 500ms, 1.5s, 1m30s, 2h or PT1M30S");
  }

  @Test
  void anUnknownUnitIsNamed() {
    assertThatThrownBy(() -> Durations.parse("3d"))
        .hasMessage(
            "'3d' has an unknown unit 'd' (units: ns, us, ms, s, m, h): expected a duration such as 500ms, 1.5s, 1m30s, 2h or PT1M30S");
  }

  @Test
  void aBareNumberNeedsTheCallersUnit() {
    assertThatThrownBy(() -> Durations.parse("250"))
        .hasMessageStartingWith("'250' has no unit: expected a duration");
    assertThat(Durations.parse("250", ChronoUnit.MILLIS)).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("1.5", ChronoUnit.SECONDS)).isEqualTo(Duration.ofMillis(1500));
    assertThat(Durations.parse("0", ChronoUnit.SECONDS)).isZero();
    assertThat(Durations.parse("2s", ChronoUnit.MILLIS)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void tooLongIsAnErrorNotAnOverflow() {
    assertThatThrownBy(() -> Durations.parse("99999999999999999h"))
        .hasMessage("'99999999999999999h' is too long a duration");
  }

  @Test
  void positiveRefusesZeroAndNegative() {
    assertThat(Durations.parsePositive("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> Durations.parsePositive("0s"))
        .hasMessage("'0s' must be a positive duration");
    assertThatThrownBy(() -> Durations.parsePositive("-PT1S"))
        .hasMessage("'-PT1S' must be a positive duration");
  }

  @Test
  void formatsForHumans() {
    assertThat(Durations.format(Duration.ofMillis(850))).isEqualTo("850ms");
    assertThat(Durations.format(Duration.ofMillis(1234))).isEqualTo("1.2s");
    assertThat(Durations.format(Duration.ofSeconds(185))).isEqualTo("3m05s");
    assertThat(Durations.format(Duration.ofMinutes(125))).isEqualTo("2h05m");
  }

  @Test
  void formatsLikeGoAndReadsItBack() {
    assertThat(Durations.formatGo(Duration.ofMinutes(6))).isEqualTo("6m0s");
    assertThat(Durations.formatGo(Duration.ofMillis(86_400))).isEqualTo("1m26.4s");
    assertThat(Durations.formatGo(Duration.ofMillis(12))).isEqualTo("12ms");
    assertThat(Durations.formatGo(Duration.ZERO)).isEqualTo("0s");
    assertThat(Durations.formatGo(Duration.ofMillis(1500))).isEqualTo("1.5s");
    assertThat(Durations.formatGo(Duration.ofHours(1).plusSeconds(1))).isEqualTo("1h0m1s");
    assertThat(Durations.formatGo(Duration.ofNanos(1_500_000))).isEqualTo("1.5ms");
    for (long nanos :
        new long[] {
          0, 250, 1_500, 12_000_000, 86_400_000_000L, 3_723_500_000_000L, -3_000_000_000L
        }) {
      Duration d = Duration.ofNanos(nanos);
      assertThat(Durations.parse(Durations.formatGo(d))).as(Durations.formatGo(d)).isEqualTo(d);
    }
  }
}
