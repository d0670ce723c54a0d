package io.chorus.semantics;

import io.chorus.semantics.internal.FallbackEmbedder;
import io.chorus.semantics.internal.HashedEmbedder;
import io.chorus.semantics.internal.MiniLmEmbedder;
import java.util.List;

/**
 * Turns texts into {@link Embedding}s. Implementations are thread-safe and may be shared.
 *
 * <p>Three are provided:
 *
 * <ul>
 *   <li>{@link #miniLm()}: all-MiniLM-L6-v2 (quantized, 384 dimensions) run in-process through ONNX
 *       Runtime. Loaded once per JVM on first use (about a second), then shared.
 *   <li>{@link #hashed()}: deterministic hashed word and bigram vectors. No model, no native code,
 *       microseconds per text; lexical, so it misses paraphrases with different words.
 *   <li>{@link #standard()}: MiniLM, or the hashed embedder if the model cannot load on this
 *       machine (the reason is kept in {@link #unavailableReason()} and logged once).
 * </ul>
 *
 * <p>Every measure in this package records the id of the embedder that produced it.
 */
public interface Embedder {

  /** Stable id of the embedding space, for example {@code all-MiniLM-L6-v2-q}. */
  String id();

  /** The thresholds calibrated for this embedder. */
  Calibration calibration();

  /**
   * Embeds the texts in one batch, in order. Blank texts get an all-zero vector.
   *
   * @throws EmbeddingUnavailableException if the model cannot be loaded or run
   */
  List<Embedding> embedAll(List<String> texts);

  /** Embeds one text. */
  default Embedding embed(String text) {
    return embedAll(List.of(text)).get(0);
  }

  /** Why the preferred model is not in use, or empty when it is (only {@link #standard()}). */
  default String unavailableReason() {
    return "";
  }

  /**
   * This embedder with other thresholds (same vectors and id), for callers that tune the "means the
   * same" line for their data.
   */
  default Embedder withCalibration(Calibration calibration) {
    Embedder self = this;
    return new Embedder() {
      @Override
      public String id() {
        return self.id();
      }

      @Override
      public Calibration calibration() {
        return calibration;
      }

      @Override
      public List<Embedding> embedAll(List<String> texts) {
        return self.embedAll(texts);
      }

      @Override
      public String unavailableReason() {
        return self.unavailableReason();
      }
    };
  }

  /** The shared in-process MiniLM embedder; loading errors surface on first use. */
  static Embedder miniLm() {
    return MiniLmEmbedder.shared();
  }

  /** The deterministic hashed word/bigram embedder. */
  static Embedder hashed() {
    return HashedEmbedder.INSTANCE;
  }

  /**
   * MiniLM, falling back to {@link #hashed()} (once, for the life of the JVM) if it will not load.
   */
  static Embedder standard() {
    return FallbackEmbedder.standard();
  }
}
