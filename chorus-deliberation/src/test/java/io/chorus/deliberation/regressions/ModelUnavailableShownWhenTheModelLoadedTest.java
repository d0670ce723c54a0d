package io.chorus.deliberation.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.deliberation.DeliberationMeasures;
import org.junit.jupiter.api.Test;

/** "{@code (model unavailable: )} appears in report metadata when the model loaded." */
class ModelUnavailableShownWhenTheModelLoadedTest {
  @Test
  void theMeasuresNameTheModelAndNoEmptyReason() {
    String d = DeliberationMeasures.semantic().description();
    assertThat(d).startsWith("all-MiniLM-L6-v2").doesNotContain("unavailable");
  }
}
