package io.chorus.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextClustersTest {

  @Test
  void paraphrasedAnswersCountTogether() {
    List<String> answers =
        List.of(
            "Paris",
            "The capital is Paris.",
            "It's Paris, France",
            "London",
            "paris!",
            "The answer is London",
            "",
            "Lyon",
            "**Paris** is the capital of France.");
    TextClusters t = TextClusters.of(answers, Fixtures.MINI_LM);
    System.out.println(t);
    assertThat(t.clusters()).hasSize(3);
    TextCluster paris = t.top().orElseThrow();
    assertThat(paris.members()).containsExactly(0, 1, 2, 4, 8);
    assertThat(paris.count()).isEqualTo(5);
    assertThat(paris.representative()).isEqualTo("Paris");
    assertThat(t.clusters().get(1).members()).containsExactly(3, 5);
    assertThat(t.clusters().get(2).members()).containsExactly(7);
    assertThat(t.blank()).containsExactly(6);
    assertThat(t.agreementRatio()).isEqualTo(5.0 / 8);
    assertThat(t.threshold()).isEqualTo(0.70);
    assertThat(t.embedder()).isEqualTo("all-MiniLM-L6-v2-q");
  }

  @Test
  void longerParaphrasesGroupAndDifferentAnswersDoNot() {
    List<String> answers =
        List.of(
            "Use a connection pool to reuse database connections.",
            "Database connections should be pooled and reused.",
            "Add an index to the users table.",
            "Reuse database connections through a pool.");
    TextClusters t = TextClusters.of(answers, Fixtures.MINI_LM);
    assertThat(t.clusters()).hasSize(2);
    assertThat(t.top().orElseThrow().members()).containsExactly(0, 1, 3);
  }

  @Test
  void oppositeAnswersStayApart() {
    TextClusters t =
        TextClusters.of(
            List.of("Yes", "No", "yes.", "The migration is safe", "The migration is not safe"),
            Fixtures.MINI_LM);
    assertThat(t.clusters())
        .extracting(TextCluster::members)
        .containsExactly(List.of(0, 2), List.of(1), List.of(3), List.of(4));
  }

  @Test
  void hashedFallbackGroupsByWords() {
    TextClusters t =
        TextClusters.of(
            Arrays.asList("Paris", "It's Paris, France", "London", null), Embedder.hashed());
    assertThat(t.top().orElseThrow().members()).containsExactly(0, 1);
    assertThat(t.blank()).containsExactly(3);
    assertThat(t.embedder()).isEqualTo("hashed-words-1024-v1");
  }

  @Test
  void noAnswers() {
    TextClusters t = TextClusters.of(List.of(), Fixtures.MINI_LM);
    assertThat(t.clusters()).isEmpty();
    assertThat(t.top()).isEmpty();
    assertThat(t.agreementRatio()).isZero();
  }
}
