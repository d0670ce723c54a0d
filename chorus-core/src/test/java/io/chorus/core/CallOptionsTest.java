package io.chorus.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A call's policies are inherited or its own, never null (issue 15: no null-means-default). */
class CallOptionsTest {

  @Test
  void theDefaultInheritsEveryPolicy() {
    CallOptions d = CallOptions.DEFAULT;
    assertThat(d.timeouts().inherits()).isTrue();
    assertThat(d.retry().inherits()).isTrue();
    assertThat(d.hedge().inherits()).isTrue();
    assertThat(d.fallback().inherits()).isTrue();
    HedgePolicy engines = HedgePolicy.builder().delay(Duration.ofSeconds(1)).build();
    assertThat(d.hedge().or(engines)).isSameAs(engines);
  }

  @Test
  void anOffValueIsTheCallsOwnAndWinsOverTheEngines() {
    CallOptions o =
        CallOptions.DEFAULT
            .withHedge(HedgePolicy.NONE)
            .withRetry(RetryPolicy.NONE)
            .withFallback(FallbackChain.NONE);
    assertThat(o.hedge().inherits()).isFalse();
    assertThat(o.hedge().or(HedgePolicy.builder().delay(Duration.ofSeconds(1)).build()))
        .isEqualTo(HedgePolicy.NONE);
    assertThat(o.retry().or(RetryPolicy.DEFAULT)).isEqualTo(RetryPolicy.NONE);
    assertThat(o.fallback().or(FallbackChain.of("sim:fast"))).isEqualTo(FallbackChain.NONE);
    assertThat(o.timeouts().inherits()).as("the others still inherit").isTrue();
  }

  @Test
  void nullIsRefusedEverywhere() {
    assertThatThrownBy(() -> CallOptions.DEFAULT.withHedge(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("inherit() or NONE");
    assertThatThrownBy(() -> CallOptions.DEFAULT.withRetry(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CallOptions.DEFAULT.withFallback(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> CallOptions.DEFAULT.withTimeouts(null))
        .isInstanceOf(NullPointerException.class);
    assertThatThrownBy(
            () ->
                new CallOptions(
                    0,
                    false,
                    null,
                    Setting.inherit(),
                    Setting.inherit(),
                    null,
                    Setting.inherit(),
                    true))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("hedge");
  }
}
