package io.chorus.semantics.internal;

import io.chorus.semantics.Calibration;
import io.chorus.semantics.Embedder;
import io.chorus.semantics.Embedding;
import io.chorus.semantics.EmbeddingUnavailableException;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uses a preferred embedder if it loads, else a fallback, decided once on first use and kept for
 * the life of this object so that scores within a run always come from one embedding space.
 */
public final class FallbackEmbedder implements Embedder {

  private static final Logger LOG = LoggerFactory.getLogger(FallbackEmbedder.class);
  private static final FallbackEmbedder STANDARD =
      new FallbackEmbedder(MiniLmEmbedder.shared(), HashedEmbedder.INSTANCE);

  private final MiniLmEmbedder preferred;
  private final Embedder fallback;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile Embedder active;
  private volatile String reason = "";

  public FallbackEmbedder(MiniLmEmbedder preferred, Embedder fallback) {
    this.preferred = preferred;
    this.fallback = fallback;
  }

  public static FallbackEmbedder standard() {
    return STANDARD;
  }

  private Embedder active() {
    Embedder a = active;
    if (a != null) {
      return a;
    }
    lock.lock();
    try {
      if (active == null) {
        try {
          preferred.load();
          active = preferred;
        } catch (EmbeddingUnavailableException e) {
          reason = e.getMessage();
          LOG.warn("{}; using {} instead (lexical, misses paraphrases)", reason, fallback.id());
          active = fallback;
        }
      }
      return active;
    } finally {
      lock.unlock();
    }
  }

  @Override
  public String id() {
    return active().id();
  }

  @Override
  public Calibration calibration() {
    return active().calibration();
  }

  @Override
  public List<Embedding> embedAll(List<String> texts) {
    return active().embedAll(texts);
  }

  @Override
  public String unavailableReason() {
    active();
    return reason;
  }

  @Override
  public String toString() {
    return "standard(" + id() + ")";
  }
}
