package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.FallbackChain;
import io.chorus.core.HedgePolicy;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.RetryPolicy;
import io.chorus.core.RunOptions;
import io.chorus.core.Timeouts;
import io.chorus.testing.FakeProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Invalid configuration fails at once with a message naming the field. */
class ConfigValidationTest {

  @Test
  void negativeConcurrency() {
    assertThatThrownBy(() -> new Limits(-1, 0, 0)).hasMessageContaining("limits.maxConcurrency");
    assertThatThrownBy(() -> Limits.concurrency(0)).hasMessageContaining("limits.maxConcurrency");
  }

  @Test
  void zeroOrNegativeRates() {
    assertThatThrownBy(() -> Limits.concurrency(1).withRequestsPerMinute(0))
        .hasMessageContaining("limits.requestsPerMinute");
    assertThatThrownBy(() -> Limits.concurrency(1).withTokensPerMinute(0))
        .hasMessageContaining("limits.tokensPerMinute");
    assertThatThrownBy(() -> new Limits(1, -5, 0)).hasMessageContaining("limits.requestsPerMinute");
  }

  @Test
  void invertedOrNonPositiveDeadlines() {
    assertThatThrownBy(
            () -> new Timeouts(Duration.ofSeconds(5), null, Duration.ofSeconds(10), null))
        .hasMessageContaining("timeouts.firstToken");
    assertThatThrownBy(() -> Timeouts.DEFAULT.withAttempt(Duration.ZERO))
        .hasMessageContaining("timeouts.attempt");
    assertThatThrownBy(() -> Timeouts.DEFAULT.withCall(Duration.ofSeconds(-1)))
        .hasMessageContaining("timeouts.call");
    assertThatThrownBy(() -> RunOptions.DEFAULT.withDeadline(Duration.ZERO))
        .hasMessageContaining("run.deadline");
  }

  @Test
  void retryPolicy() {
    assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1).build())
        .hasMessageContaining("retry.maxRetries");
    assertThatThrownBy(
            () ->
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofSeconds(10))
                    .maxBackoff(Duration.ofSeconds(1))
                    .build())
        .hasMessageContaining("retry.maxBackoff");
    assertThatThrownBy(() -> RetryPolicy.builder().multiplier(0.5).build())
        .hasMessageContaining("retry.multiplier");
  }

  @Test
  void policies() {
    assertThatThrownBy(() -> FailurePolicy.quorum(0))
        .hasMessageContaining("failurePolicy.quorum.k");
    assertThatThrownBy(() -> FailurePolicy.parse("sometimes")).hasMessageContaining("sometimes");
    assertThatThrownBy(() -> CircuitBreakerPolicy.builder().failureRateThreshold(0).build())
        .hasMessageContaining("circuitBreaker.failureRateThreshold");
    assertThatThrownBy(() -> HedgePolicy.builder().maxHedges(0))
        .hasMessageContaining("hedge.maxHedges");
    assertThatThrownBy(() -> FallbackChain.of("p:a").withCooldown(Duration.ofSeconds(-1)))
        .hasMessageContaining("fallback.cooldown");
    assertThatThrownBy(() -> HedgePolicy.after(Duration.ZERO)).hasMessageContaining("hedge.delay");
  }

  @Test
  void engineBuilderChecksAcrossFields() {
    FakeProvider fake = FakeProvider.echo("fake");
    assertThatThrownBy(
            () -> Engine.builder().provider(fake).shutdownGrace(Duration.ofSeconds(-1)).build())
        .hasMessageContaining("engine.shutdownGrace");
    assertThatThrownBy(
            () ->
                Engine.builder()
                    .provider(fake)
                    .hedge(HedgePolicy.after(Duration.ofMinutes(20)))
                    .build())
        .hasMessageContaining("hedge.delay");
    assertThatThrownBy(
            () ->
                Engine.builder()
                    .provider(fake)
                    .fallback(ModelId.parse("fake:a"), FallbackChain.of("other:b"))
                    .build())
        .hasMessageContaining("fallback[fake:a]")
        .hasMessageContaining("other");
    assertThatThrownBy(
            () ->
                Engine.builder()
                    .provider(fake)
                    .hedge(HedgePolicy.after(Duration.ofSeconds(1)).to(ModelId.parse("nope:x")))
                    .build())
        .hasMessageContaining("hedge.target");
  }
}
