package io.chorus.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.RateLimitInfo;
import java.time.Duration;
import java.time.Instant;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class RateLimitHeadersTest {
  private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void anthropicHeadersWithRfc3339Resets() {
    Headers h =
        new Headers.Builder()
            .add("anthropic-ratelimit-requests-limit", "50")
            .add("anthropic-ratelimit-requests-remaining", "49")
            .add("anthropic-ratelimit-requests-reset", "2026-01-01T00:00:30Z")
            .add("anthropic-ratelimit-tokens-limit", "90000")
            .add("anthropic-ratelimit-tokens-remaining", "89000")
            .add("anthropic-ratelimit-tokens-reset", "2026-01-01T00:00:01.500Z")
            .add("anthropic-ratelimit-input-tokens-limit", "40000")
            .add("anthropic-ratelimit-input-tokens-remaining", "39000")
            .add("anthropic-ratelimit-input-tokens-reset", "2026-01-01T01:00:00+01:00")
            .add("anthropic-ratelimit-output-tokens-limit", "8000")
            .add("anthropic-ratelimit-output-tokens-remaining", "7990")
            .add("anthropic-ratelimit-output-tokens-reset", "2026-01-01T00:00:02Z")
            .add("retry-after", "7")
            .build();
    RateLimitInfo info = RateLimitHeaders.parse(h, NOW);
    assertThat(info)
        .isEqualTo(
            new RateLimitInfo(
                50L,
                49L,
                Instant.parse("2026-01-01T00:00:30Z"),
                90000L,
                89000L,
                Instant.parse("2026-01-01T00:00:01.500Z"),
                39000L,
                Instant.parse("2026-01-01T00:00:00Z"),
                7990L,
                Instant.parse("2026-01-01T00:00:02Z"),
                Duration.ofSeconds(7)));
  }

  @Test
  void openAiHeadersWithGoDurationResetsFromNow() {
    Headers h =
        Headers.of(
            "x-ratelimit-limit-requests", "10000",
            "x-ratelimit-remaining-requests", "9999",
            "x-ratelimit-reset-requests", "6ms",
            "x-ratelimit-limit-tokens", "2000000",
            "x-ratelimit-remaining-tokens", "1999000",
            "x-ratelimit-reset-tokens", "1m26.4s");
    RateLimitInfo info = RateLimitHeaders.parse(h, NOW);
    assertThat(info.requestsLimit()).isEqualTo(10000L);
    assertThat(info.requestsRemaining()).isEqualTo(9999L);
    assertThat(info.requestsReset()).isEqualTo(NOW.plusMillis(6));
    assertThat(info.tokensLimit()).isEqualTo(2_000_000L);
    assertThat(info.tokensRemaining()).isEqualTo(1_999_000L);
    assertThat(info.tokensReset()).isEqualTo(NOW.plusMillis(86_400));
    assertThat(info.retryAfter()).isNull();
    assertThat(info.inputTokensRemaining()).isNull();
  }

  @Test
  void retryAfterMsWinsOverRetryAfter() {
    Headers h = Headers.of("retry-after", "20", "retry-after-ms", "1500");
    assertThat(RateLimitHeaders.parse(h, NOW).retryAfter()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void fractionalRetryAfterSeconds() {
    assertThat(RateLimitHeaders.retryAfter(Headers.of("retry-after", "0.25"), NOW))
        .isEqualTo(Duration.ofMillis(250));
  }

  @Test
  void retryAfterHttpDateMeasuredFromTheDateHeader() {
    Headers h =
        Headers.of(
            "retry-after", "Wed, 21 Oct 2015 07:28:30 GMT",
            "date", "Wed, 21 Oct 2015 07:28:00 GMT");
    assertThat(RateLimitHeaders.retryAfter(h, NOW)).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void retryAfterHttpDateWithoutDateHeaderUsesNowAndNeverGoesNegative() {
    assertThat(
            RateLimitHeaders.retryAfter(
                Headers.of("retry-after", "Thu, 01 Jan 2026 00:01:00 GMT"), NOW))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(
            RateLimitHeaders.retryAfter(
                Headers.of("retry-after", "Wed, 31 Dec 2025 00:00:00 GMT"), NOW))
        .isEqualTo(Duration.ZERO);
  }

  @Test
  void noHeadersIsNoneAndGarbageIsIgnored() {
    assertThat(RateLimitHeaders.parse(Headers.of(), NOW)).isSameAs(RateLimitInfo.NONE);
    Headers h =
        Headers.of(
            "x-ratelimit-remaining-requests", "lots",
            "x-ratelimit-reset-tokens", "soon",
            "retry-after", "later",
            "x-ratelimit-limit-tokens", "100");
    RateLimitInfo info = RateLimitHeaders.parse(h, NOW);
    assertThat(info.requestsRemaining()).isNull();
    assertThat(info.tokensReset()).isNull();
    assertThat(info.retryAfter()).isNull();
    assertThat(info.tokensLimit()).isEqualTo(100L);
  }
}
