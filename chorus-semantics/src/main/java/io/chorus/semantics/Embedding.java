package io.chorus.semantics;

import java.util.Arrays;
import java.util.Objects;

/**
 * A text's embedding: a unit-length vector and the id of the {@link Embedder} that produced it.
 *
 * <p>Vectors from different embedders live in different spaces; {@link #cosine(Embedding)} refuses
 * to compare them. The array is not copied (embeddings are created in bulk and compared many
 * times); callers must not modify {@link #vector()}. Immutable by that convention and safe to share
 * between threads.
 *
 * @param vector unit-length vector (all zeros for a text with no features)
 * @param embedder id of the embedder that produced it, see {@link Embedder#id()}
 */
public record Embedding(float[] vector, String embedder) {

  public Embedding {
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(embedder, "embedder");
  }

  /** Cosine similarity with another embedding of the same embedder, in [-1, 1]. */
  public double cosine(Embedding other) {
    if (!embedder.equals(other.embedder)) {
      throw new IllegalArgumentException(
          "cannot compare embeddings of different embedders: "
              + embedder
              + " vs "
              + other.embedder);
    }
    return Similarity.cosine(vector, other.vector);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Embedding e
        && embedder.equals(e.embedder)
        && Arrays.equals(vector, e.vector);
  }

  @Override
  public int hashCode() {
    return 31 * embedder.hashCode() + Arrays.hashCode(vector);
  }

  @Override
  public String toString() {
    return "Embedding[" + embedder + ", dim=" + vector.length + "]";
  }
}
