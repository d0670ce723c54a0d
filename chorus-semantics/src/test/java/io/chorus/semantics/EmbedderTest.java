package io.chorus.semantics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.semantics.internal.FallbackEmbedder;
import io.chorus.semantics.internal.HashedEmbedder;
import io.chorus.semantics.internal.MiniLmEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class EmbedderTest {

  private static double norm(Embedding e) {
    double s = 0;
    for (float v : e.vector()) {
      s += v * v;
    }
    return Math.sqrt(s);
  }

  @Test
  void miniLmLoadsOnThisMachineAndEmbedsUnitVectors() {
    Embedding e = Fixtures.MINI_LM.embed("Async programming improves I/O throughput");
    assertThat(e.embedder()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(e.vector()).hasSize(384);
    assertThat(norm(e)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-3));
    assertThat(Embedder.standard().id()).isEqualTo("all-MiniLM-L6-v2-q");
    assertThat(Embedder.standard().unavailableReason()).isEmpty();
  }

  @Test
  void batchEqualsOneByOneAndKeepsOrderAndBlanks() {
    List<String> texts = List.of("Paris", "", "The cat sat on the mat", "  ");
    List<Embedding> batch = Fixtures.MINI_LM.embedAll(texts);
    assertThat(batch).hasSize(4);
    assertThat(batch.get(0).cosine(Fixtures.MINI_LM.embed("Paris"))).isGreaterThan(0.9999);
    assertThat(batch.get(2).cosine(Fixtures.MINI_LM.embed("The cat sat on the mat")))
        .isGreaterThan(0.9999);
    assertThat(norm(batch.get(1))).isZero();
    assertThat(norm(batch.get(3))).isZero();
  }

  @Test
  void sharedModelIsSafeUnderConcurrentUse() throws Exception {
    List<String> texts =
        List.of("Caching reduces database load", "Retries should back off", "Paris");
    List<Embedding> expected = Fixtures.MINI_LM.embedAll(texts);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<Embedding>>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(pool.submit(() -> Fixtures.MINI_LM.embedAll(texts)));
      }
      for (Future<List<Embedding>> f : results) {
        List<Embedding> got = f.get();
        for (int k = 0; k < texts.size(); k++) {
          assertThat(got.get(k).cosine(expected.get(k))).isGreaterThan(0.9999);
        }
      }
    }
  }

  @Test
  void failedLoadIsRememberedAndReportedWithItsCause() {
    AtomicInteger attempts = new AtomicInteger();
    MiniLmEmbedder broken =
        new MiniLmEmbedder(
            () -> {
              attempts.incrementAndGet();
              throw new UnsatisfiedLinkError("no onnxruntime in java.library.path");
            });
    assertThatThrownBy(() -> broken.embed("x"))
        .isInstanceOf(EmbeddingUnavailableException.class)
        .hasMessageContaining("all-MiniLM-L6-v2-q")
        .hasMessageContaining("no onnxruntime");
    assertThatThrownBy(() -> broken.embed("y")).isInstanceOf(EmbeddingUnavailableException.class);
    assertThat(attempts).hasValue(1);
  }

  @Test
  void standardFallsBackToHashedWhenTheModelWillNotLoad() {
    MiniLmEmbedder broken =
        new MiniLmEmbedder(
            () -> {
              throw new ExceptionInInitializerError("model resource missing");
            });
    Embedder e = new FallbackEmbedder(broken, Embedder.hashed());
    assertThat(e.id()).isEqualTo(HashedEmbedder.ID);
    assertThat(e.calibration()).isEqualTo(Calibration.HASHED);
    assertThat(e.unavailableReason()).contains("model resource missing");
    // measures record the embedder that actually produced the vectors
    Convergence c =
        Convergence.of(
            Fixtures.ordered(
                java.util.Map.entry("a", "Caching reduces database load."),
                java.util.Map.entry("b", "Caching reduces the database load.")),
            e);
    assertThat(c.embedder()).isEqualTo(HashedEmbedder.ID);
    assertThat(c.overall()).isGreaterThan(0.9);
  }

  @Test
  void hashedEmbedderIsDeterministicAndLexical() {
    Embedder h = Embedder.hashed();
    Embedding a = h.embed("Caching reduces database load");
    assertThat(a).isEqualTo(h.embed("Caching reduces database load"));
    assertThat(norm(a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-5));
    assertThat(a.cosine(h.embed("caching REDUCED the database's load!"))).isGreaterThan(0.5);
    assertThat(a.cosine(h.embed("Bananas are rich in potassium"))).isLessThan(0.1);
    assertThat(norm(h.embed("   "))).isZero();
  }

  @Test
  void embeddingsOfDifferentEmbeddersAreNotComparable() {
    Embedding m = Fixtures.MINI_LM.embed("Paris");
    Embedding h = Embedder.hashed().embed("Paris");
    assertThatThrownBy(() -> m.cosine(h)).hasMessageContaining("different embedders");
  }

  @Test
  void withCalibrationKeepsVectorsAndChangesThresholds() {
    Calibration strict = new Calibration(0.9, 0.5, 0.6);
    Embedder e = Fixtures.MINI_LM.withCalibration(strict);
    assertThat(e.id()).isEqualTo(Fixtures.MINI_LM.id());
    assertThat(e.calibration()).isEqualTo(strict);
    assertThat(
            Similarity.sameMeaning(
                Fixtures.MINI_LM, "The test suite is too slow", "Our tests take too long to run"))
        .isFalse();
    assertThat(
            Similarity.sameMeaning(
                Fixtures.MINI_LM,
                "The model is cheaper per token",
                "This model costs less per token"))
        .isTrue();
    assertThat(
            Similarity.sameMeaning(
                e, "The model is cheaper per token", "This model costs less per token"))
        .isTrue();
    assertThat(
            Similarity.sameMeaning(
                e,
                "Use a connection pool to reuse database connections",
                "Database connections should be pooled and reused"))
        .isFalse();
    assertThatThrownBy(() -> new Calibration(0.3, 0.5, 0.5))
        .hasMessageContaining("unrelatedBelow < sameMeaning");
  }
}
