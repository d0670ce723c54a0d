package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.TimeSource;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitTest {
  static final String GO_DURATION = "(\\d+h)?(\\d+m)?\\d+(\\.\\d+)?(ms|s|µs|ns)";

  /** A clock the test moves by hand. */
  static final class ManualClock implements TimeSource {
    final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Override
    public Instant now() {
      return Instant.parse("2026-01-01T00:00:00Z").plusNanos(nanos.get());
    }

    @Override
    public long nanoTime() {
      return nanos.get();
    }

    void advance(Duration d) {
      nanos.addAndGet(d.toNanos());
    }
  }

  @Test
  void everyAnthropicResponseCarriesWellFormedRateLimitHeaders() {
    try (Simulator sim =
        Simulator.builder()
            .model(
                "m",
                ModelBehaviour.INSTANT.toBuilder()
                    .rateLimits(new RateLimits(50, 30_000, 8_000))
                    .build())
            .start()) {
      HttpResponse<String> r =
          Wire.anthropic(sim, "k", Wire.anthropicBody("m", "hello", 100, false));
      for (String what : new String[] {"requests", "tokens", "input-tokens", "output-tokens"}) {
        String p = "anthropic-ratelimit-" + what + "-";
        assertThat(r.headers().firstValue(p + "limit")).get().asString().matches("\\d+");
        assertThat(r.headers().firstValue(p + "remaining")).get().asString().matches("\\d+");
        OffsetDateTime.parse(r.headers().firstValue(p + "reset").orElseThrow()); // RFC 3339
      }
      assertThat(r.headers().firstValue("anthropic-ratelimit-requests-limit")).contains("50");
      assertThat(r.headers().firstValue("anthropic-ratelimit-requests-remaining")).contains("49");
      assertThat(r.headers().firstValue("anthropic-ratelimit-input-tokens-limit"))
          .contains("30000");
      assertThat(r.headers().firstValue("anthropic-ratelimit-output-tokens-limit"))
          .contains("8000");
      // errors carry them too
      HttpResponse<String> bad =
          Wire.anthropic(sim, "k", Wire.JSON.createObjectNode().put("model", "m"));
      assertThat(bad.statusCode()).isEqualTo(400);
    }
  }

  @Test
  void everyOpenAiResponseCarriesGoDurationResets() {
    try (Simulator sim =
        Simulator.builder()
            .model(
                "m",
                ModelBehaviour.INSTANT.toBuilder()
                    .rateLimits(new RateLimits(60, 10_000, 10_000))
                    .build())
            .start()) {
      HttpResponse<String> r = Wire.openai(sim, "k", Wire.openAiBody("m", "hello", false));
      assertThat(r.headers().firstValue("x-ratelimit-limit-requests")).contains("60");
      assertThat(r.headers().firstValue("x-ratelimit-remaining-requests")).contains("59");
      assertThat(r.headers().firstValue("x-ratelimit-limit-tokens")).contains("20000");
      assertThat(r.headers().firstValue("x-ratelimit-remaining-tokens"))
          .get()
          .asString()
          .matches("\\d+");
      assertThat(r.headers().firstValue("x-ratelimit-reset-requests"))
          .get()
          .asString()
          .matches(GO_DURATION);
      assertThat(r.headers().firstValue("x-ratelimit-reset-requests"))
          .contains("1s"); // 1 request at 60/min
      assertThat(r.headers().firstValue("x-ratelimit-reset-tokens"))
          .get()
          .asString()
          .matches(GO_DURATION);
    }
  }

  @Test
  void exceedingRequestsPerMinuteGives429WithRetryAfterUntilTheBucketRefills() {
    ManualClock clock = new ManualClock();
    try (Simulator sim =
        Simulator.builder()
            .timeSource(clock)
            .keyLimits("small", RateLimits.GENEROUS.withRequestsPerMinute(2))
            .start()) {
      assertThat(
              Wire.anthropic(sim, "small", Wire.anthropicBody("instant", "a", 10, false))
                  .statusCode())
          .isEqualTo(200);
      assertThat(
              Wire.anthropic(sim, "small", Wire.anthropicBody("instant", "b", 10, false))
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> limited =
          Wire.anthropic(sim, "small", Wire.anthropicBody("instant", "c", 10, false));
      assertThat(limited.statusCode()).isEqualTo(429);
      assertThat(limited.headers().firstValue("retry-after")).contains("30");
      assertThat(limited.headers().firstValue("retry-after-ms")).contains("30000");
      assertThat(limited.headers().firstValue("anthropic-ratelimit-requests-remaining"))
          .contains("0");
      JsonNode e = Wire.json(limited);
      assertThat(e.path("error").path("type").asText()).isEqualTo("rate_limit_error");
      // another key is not affected
      assertThat(
              Wire.anthropic(sim, "other", Wire.anthropicBody("instant", "c", 10, false))
                  .statusCode())
          .isEqualTo(200);
      // OpenAI shape for the same key and model bucket
      HttpResponse<String> oa = Wire.openai(sim, "small", Wire.openAiBody("instant", "d", false));
      assertThat(oa.statusCode()).isEqualTo(429);
      assertThat(Wire.json(oa).path("error").path("code").asText())
          .isEqualTo("rate_limit_exceeded");
      assertThat(oa.headers().firstValue("x-ratelimit-reset-requests"))
          .contains("1m0s"); // until full again
      clock.advance(Duration.ofSeconds(30));
      assertThat(
              Wire.anthropic(sim, "small", Wire.anthropicBody("instant", "e", 10, false))
                  .statusCode())
          .isEqualTo(200);
      assertThat(sim.stats().forKey("small").rateLimited()).isEqualTo(2);
      assertThat(sim.stats().forKey("other").rateLimited()).isZero();
    }
  }

  @Test
  void inputTokensPerMinuteAreEnforced() {
    ManualClock clock = new ManualClock();
    try (Simulator sim =
        Simulator.builder()
            .timeSource(clock)
            .keyLimits("k", RateLimits.GENEROUS.withInputTokensPerMinute(100))
            .start()) {
      String prompt = "x".repeat(300); // 75 tokens
      assertThat(
              Wire.anthropic(sim, "k", Wire.anthropicBody("instant", prompt, 10, false))
                  .statusCode())
          .isEqualTo(200);
      HttpResponse<String> r =
          Wire.anthropic(sim, "k", Wire.anthropicBody("instant", prompt, 10, false));
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(Wire.json(r).path("error").path("message").asText()).contains("input tokens");
      assertThat(r.headers().firstValue("anthropic-ratelimit-input-tokens-remaining"))
          .contains("25");
    }
  }
}
