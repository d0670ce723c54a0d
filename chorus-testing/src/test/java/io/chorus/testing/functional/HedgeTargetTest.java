package io.chorus.testing.functional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.HedgePolicy;
import io.chorus.core.ModelId;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A hedge's target is a model or, explicitly, the call's own model; null is not a way to say
 * either.
 */
class HedgeTargetTest {

  @Test
  void theTargetIsAModelOrTheSameModelNeverNull() {
    HedgePolicy to =
        HedgePolicy.builder().delay(Duration.ofMillis(200)).target(ModelId.parse("fake:b")).build();
    assertThat(to.target()).isEqualTo(ModelId.parse("fake:b"));
    assertThat(to.toBuilder().build()).isEqualTo(to);
    HedgePolicy same = to.toBuilder().sameModel().build();
    assertThat(same.target()).isNull();
    assertThat(same.toBuilder().build()).isEqualTo(same);
    assertThatThrownBy(() -> HedgePolicy.builder().target(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessage("hedge.target");
  }
}
