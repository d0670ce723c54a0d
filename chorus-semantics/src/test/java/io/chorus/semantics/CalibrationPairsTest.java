package io.chorus.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.semantics.Fixtures.LabelledPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Measures the calibration pairs with MiniLM and checks the figures the {@link Calibration} Javadoc
 * states, so the documentation cannot drift from the model's behaviour.
 */
class CalibrationPairsTest {

  record Measured(LabelledPair pair, double cosine, double convergence) {}

  static List<Measured> measured = new ArrayList<>();

  @BeforeAll
  static void measure() {
    List<LabelledPair> pairs = Fixtures.calibrationPairs();
    List<String> texts = new ArrayList<>();
    pairs.forEach(
        p -> {
          texts.add(p.a());
          texts.add(p.b());
        });
    List<Embedding> e = Fixtures.MINI_LM.embedAll(texts);
    for (int i = 0; i < pairs.size(); i++) {
      LabelledPair p = pairs.get(i);
      measured.add(
          new Measured(
              p,
              e.get(2 * i).cosine(e.get(2 * i + 1)),
              Convergence.between(p.a(), p.b(), Fixtures.MINI_LM)));
    }
    StringBuilder table = new StringBuilder("label cosine convergence pair\n");
    for (Measured m : measured) {
      table.append(
          String.format(
              Locale.ROOT,
              "%s %.3f %.3f %s | %s%n",
              m.pair().label(),
              m.cosine(),
              m.convergence(),
              m.pair().a(),
              m.pair().b()));
    }
    System.out.print(table); // kept in target/surefire-reports/*-output.txt
  }

  private static List<Measured> with(String label) {
    return measured.stream().filter(m -> m.pair().label().equals(label)).toList();
  }

  private static long atOrAbove(String label, double threshold) {
    return with(label).stream().filter(m -> m.cosine() >= threshold).count();
  }

  @Test
  void documentedCountsAtEachCandidateThreshold() {
    assertThat(with("P")).hasSize(14);
    assertThat(with("R")).hasSize(8);
    assertThat(atOrAbove("P", 0.60)).isEqualTo(12);
    assertThat(atOrAbove("R", 0.60)).isEqualTo(3);
    assertThat(atOrAbove("P", 0.70)).isEqualTo(9);
    assertThat(atOrAbove("R", 0.70)).isEqualTo(3);
    assertThat(atOrAbove("P", 0.75)).isEqualTo(8);
    assertThat(atOrAbove("R", 0.75)).isEqualTo(2);
  }

  @Test
  void unrelatedPairsAreBelowTheZeroCreditLine() {
    double floor = Calibration.MINI_LM.unrelatedBelow();
    for (Measured m : with("U")) {
      assertThat(m.cosine()).as(m.pair().toString()).isLessThan(0.1).isLessThan(floor);
      assertThat(m.convergence()).as(m.pair().toString()).isZero();
    }
  }

  @Test
  void paraphrasesScoreHighOnConvergence() {
    for (Measured m : with("P")) {
      assertThat(m.convergence()).as(m.pair().toString()).isGreaterThanOrEqualTo(0.55);
    }
    double mean = with("P").stream().mapToDouble(Measured::convergence).average().orElseThrow();
    assertThat(mean).isGreaterThan(0.85);
  }

  @Test
  void contradictionsLookAlikeToTheModelButScoreZero() {
    for (Measured m : with("C")) {
      assertThat(m.cosine()).as("embedding sees a paraphrase: " + m.pair()).isGreaterThan(0.9);
      assertThat(m.convergence()).as(m.pair().toString()).isZero();
    }
  }

  @Test
  void paraphrasesOutscoreRelatedButDifferentClaimsOnAverage() {
    double p = with("P").stream().mapToDouble(Measured::cosine).average().orElseThrow();
    double r = with("R").stream().mapToDouble(Measured::cosine).average().orElseThrow();
    double u = with("U").stream().mapToDouble(Measured::cosine).average().orElseThrow();
    assertThat(p).isGreaterThan(r + 0.2);
    assertThat(r).isGreaterThan(u + 0.2);
  }
}
