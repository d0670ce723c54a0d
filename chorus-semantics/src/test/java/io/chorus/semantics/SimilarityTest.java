package io.chorus.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SimilarityTest {

  @Test
  void cosineOfVectors() {
    assertThat(Similarity.cosine(new float[] {1, 0}, new float[] {0, 1})).isZero();
    assertThat(Similarity.cosine(new float[] {1, 1}, new float[] {2, 2}))
        .isCloseTo(1.0, within(1e-9));
    assertThat(Similarity.cosine(new float[] {1, 0}, new float[] {-1, 0})).isEqualTo(-1.0);
    assertThat(Similarity.cosine(new float[] {0, 0}, new float[] {1, 0})).isZero();
    assertThatThrownBy(() -> Similarity.cosine(new float[2], new float[3]))
        .hasMessageContaining("differ in length: 2 vs 3");
  }

  @Test
  void sameMeaningNeedsCloseVectorsAndNoContradiction() {
    Embedder m = Fixtures.MINI_LM;
    assertThat(
            Similarity.sameMeaning(
                m, "The capital of France is Paris", "Paris is France's capital city"))
        .isTrue();
    assertThat(
            Similarity.sameMeaning(
                m, "Caching reduces database load", "Caching increases database load"))
        .isFalse();
    assertThat(
            Similarity.cosine(
                m, "Caching reduces database load", "Caching increases database load"))
        .isGreaterThan(0.9);
    assertThat(
            Similarity.sameMeaning(
                m, "The capital of France is Paris", "Bananas are rich in potassium"))
        .isFalse();
  }

  @Test
  void strengthRampsBetweenTheThresholds() {
    Calibration c = Calibration.MINI_LM;
    assertThat(c.strength(0.30)).isZero();
    assertThat(c.strength(0.50)).isCloseTo(0.5, within(1e-9));
    assertThat(c.strength(0.70)).isEqualTo(1.0);
    assertThat(c.strength(-0.2)).isZero();
  }

  @Test
  void substantiveSentencesAreNotFiller() {
    assertThat(Claims.isFiller("Async improves I/O efficiency by not blocking on network calls."))
        .isFalse();
    assertThat(Claims.isFiller("I agree with Claude: async improves I/O efficiency.")).isFalse();
  }
}
