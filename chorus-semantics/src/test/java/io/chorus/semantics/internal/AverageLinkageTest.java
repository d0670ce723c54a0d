package io.chorus.semantics.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class AverageLinkageTest {

  private static final double[][] SIM = {
    {1.0, 0.9, 0.8, 0.1},
    {0.9, 1.0, 0.5, 0.1},
    {0.8, 0.5, 1.0, 0.2},
    {0.1, 0.1, 0.2, 1.0}
  };

  @Test
  void mergesWhileTheAverageReachesTheThreshold() {
    // {0,1} at 0.9; then 2 joins at mean(0.8, 0.5) = 0.65 only if threshold <= 0.65
    assertThat(AverageLinkage.cluster(SIM, new boolean[4][4], 0.7))
        .containsExactly(List.of(0, 1), List.of(2), List.of(3));
    assertThat(AverageLinkage.cluster(SIM, new boolean[4][4], 0.65))
        .containsExactly(List.of(0, 1, 2), List.of(3));
  }

  @Test
  void cannotLinkKeepsPairsApartThroughMerges() {
    boolean[][] apart = new boolean[4][4];
    apart[1][2] = true;
    apart[2][1] = true;
    assertThat(AverageLinkage.cluster(SIM, apart, 0.6))
        .containsExactly(List.of(0, 1), List.of(2), List.of(3));
  }

  @Test
  void medoidAndCohesion() {
    assertThat(AverageLinkage.medoid(List.of(0, 1, 2), SIM)).isEqualTo(0);
    assertThat(AverageLinkage.cohesion(List.of(0, 1, 2), SIM))
        .isEqualTo((0.9 + 0.8 + 0.5) / 3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(AverageLinkage.cohesion(List.of(3), SIM)).isEqualTo(1.0);
  }
}
