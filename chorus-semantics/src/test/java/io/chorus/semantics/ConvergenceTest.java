package io.chorus.semantics;

import static java.util.Map.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConvergenceTest {

  private static final Embedder M = Fixtures.MINI_LM;

  /** An answer on another subject entirely, as a control for the seed texts. */
  private static final String UNRELATED =
      """
      ## Sourdough basics
      1. Feed the starter twice a day with equal weights of flour and water.
      2. A long cold proof in the fridge deepens the flavour of the bread.
      3. Bake in a preheated Dutch oven so the crust blisters.
      """;

  /** Seed 000's topic, but saying the opposite of Grok's answers. */
  private static final String CONTRARY =
      """
      1. Async programming does not improve I/O efficiency in Python.
      2. Async does not scale to thousands of concurrent tasks.
      3. Async code is harder to read than callbacks.
      """;

  @Test
  void seed000GrokRound1AndRound2AreClose() {
    Convergence c =
        Convergence.of(
            Fixtures.ordered(
                entry("round1", Fixtures.grokRound1()), entry("round2", Fixtures.grokRound2())),
            M);
    System.out.printf(
        "seed 000 Grok round 1 vs round 2: %.3f (%.3f / %.3f), %s claims%n",
        c.overall(),
        c.pairs().get(0).firstToSecond(),
        c.pairs().get(0).secondToFirst(),
        c.claimCounts());
    // measured 0.735 with all-MiniLM-L6-v2-q; the seed's word-overlap system reported 0.01
    assertThat(c.overall()).isGreaterThan(0.65);
    assertThat(c.pairs().get(0).contradicted()).isZero();
    assertThat(c.embedder()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(c.calibration()).isEqualTo(Calibration.MINI_LM);
  }

  @Test
  void seedTextVersusUnrelatedOrContraryAnswersIsLow() {
    double unrelated = Convergence.between(Fixtures.grokRound1(), UNRELATED, M);
    double contrary = Convergence.between(Fixtures.grokRound2(), CONTRARY, M);
    double seed = Convergence.between(Fixtures.grokRound1(), Fixtures.grokRound2(), M);
    System.out.printf(
        "seed round 1 vs unrelated: %.3f; round 2 vs contrary: %.3f%n", unrelated, contrary);
    assertThat(unrelated).isLessThan(0.1);
    assertThat(contrary).isLessThan(seed - 0.25);
  }

  @Test
  void contradictoryAnswersScoreLowAndParaphrasedAnswersHigh() {
    String a = "Async programming improves I/O throughput. Coroutines are cheaper than threads.";
    String para =
        "Asynchronous code makes input/output faster. A coroutine costs less memory than a thread.";
    String contra =
        "Async programming does not improve I/O throughput. Coroutines are more expensive than"
            + " threads.";
    double p = Convergence.between(a, para, M);
    double c = Convergence.between(a, contra, M);
    System.out.printf("paraphrased answers %.3f, contradictory answers %.3f%n", p, c);
    assertThat(p).isGreaterThan(0.75);
    assertThat(c).isLessThan(0.1);
  }

  @Test
  void threeAnswersGiveASymmetricMatrixAndTheMeanOfPairs() {
    Map<String, String> answers =
        Fixtures.ordered(
            entry("claude", "Caching reduces database load. Connection pools reuse connections."),
            entry("grok", "Putting a cache in front of the database lowers the load on it."),
            entry("gpt", "Bananas are rich in potassium."));
    Convergence c = Convergence.of(answers, M);
    assertThat(c.participants()).containsExactly("claude", "grok", "gpt");
    assertThat(c.pairs())
        .extracting(PairConvergence::first, PairConvergence::second)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("claude", "grok"),
            org.assertj.core.groups.Tuple.tuple("claude", "gpt"),
            org.assertj.core.groups.Tuple.tuple("grok", "gpt"));
    double[][] m = c.matrix();
    for (int i = 0; i < 3; i++) {
      assertThat(m[i][i]).isEqualTo(1.0);
      for (int j = 0; j < 3; j++) {
        assertThat(m[i][j]).isEqualTo(m[j][i]).isBetween(0.0, 1.0);
      }
    }
    // grok covers claude's first claim but not the second: one direction 1, the other ~0.5
    PairConvergence cg = c.pairs().get(0);
    assertThat(cg.secondToFirst()).isEqualTo(1.0);
    assertThat(cg.firstToSecond()).isBetween(0.45, 0.8);
    assertThat(c.score("gpt", "claude")).isLessThan(0.1);
    assertThat(c.overall())
        .isEqualTo((m[0][1] + m[0][2] + m[1][2]) / 3, org.assertj.core.data.Offset.offset(1e-12));
    assertThat(c.claimCounts()).containsExactly(2, 1, 1);
  }

  @Test
  void answersWithoutClaimsScoreZeroAndOneAnswerIsRefused() {
    assertThat(Convergence.between("I agree.", "I agree.", M)).isZero();
    assertThatThrownBy(() -> Convergence.of(Map.of("solo", "Paris"), M))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 2 answers, got 1");
    assertThatThrownBy(() -> Convergence.ofClaims(Map.of(), M)).hasMessageContaining("got 0");
  }

  @Test
  void structuredClaimsCanBeMeasuredDirectly() {
    Convergence c =
        Convergence.ofClaims(
            Fixtures.ordered(
                entry("a", List.of(Claim.of("Retries should use exponential backoff"))),
                entry("b", List.of(Claim.of("Back off exponentially between retry attempts")))),
            M);
    assertThat(c.overall()).isGreaterThan(0.6);
  }

  @Test
  void hashedFallbackStillPenalisesContradictions() {
    Embedder h = Embedder.hashed();
    assertThat(
            Convergence.between(
                "Caching reduces database load", "Caching increases database load", h))
        .isZero();
    assertThat(
            Convergence.between(
                "Caching reduces database load", "Caching reduces the database load", h))
        .isEqualTo(1.0);
  }
}
