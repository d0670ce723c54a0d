package io.chorus.semantics.internal;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import io.chorus.semantics.Calibration;
import io.chorus.semantics.Embedder;
import io.chorus.semantics.Embedding;
import io.chorus.semantics.EmbeddingUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The quantized all-MiniLM-L6-v2 model through LangChain4j's in-process ONNX wrapper. The model is
 * loaded lazily, once, under a lock (virtual-thread friendly); a failed load is remembered so every
 * later call fails fast with the same reason. The ONNX session is thread-safe. The libraries'
 * network behaviours (DJL's EC2 probe and telemetry, downloads) are off before the first load
 * ({@link LocalOnly}).
 */
public final class MiniLmEmbedder implements Embedder {

  public static final String ID = "all-MiniLM-L6-v2-q";

  static {
    // before any DJL or ONNX Runtime class is touched: no EC2 probe, no telemetry, no downloads
    LocalOnly.apply();
  }

  private static final MiniLmEmbedder SHARED =
      new MiniLmEmbedder(
          () -> {
            LocalOnly.onnxTelemetryOff();
            // Direct executor: the wrapper would otherwise spread one batch over its own thread
            // pool; callers already run on many (virtual) threads and ONNX uses intra-op threads.
            return new AllMiniLmL6V2QuantizedEmbeddingModel(Runnable::run);
          });

  private final Supplier<EmbeddingModel> loader;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile EmbeddingModel model;
  private volatile EmbeddingUnavailableException failure;

  public MiniLmEmbedder(Supplier<EmbeddingModel> loader) {
    this.loader = loader;
  }

  public static MiniLmEmbedder shared() {
    return SHARED;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Calibration calibration() {
    return Calibration.MINI_LM;
  }

  /** Loads the model if needed; throws the (remembered) reason if it cannot be loaded. */
  public EmbeddingModel load() {
    EmbeddingModel m = model;
    if (m != null) {
      return m;
    }
    lock.lock();
    try {
      if (model != null) {
        return model;
      }
      if (failure != null) {
        throw failure;
      }
      try {
        model = loader.get();
        return model;
      } catch (RuntimeException | LinkageError e) {
        // LinkageError covers UnsatisfiedLinkError (no native ONNX Runtime for this platform)
        // and ExceptionInInitializerError from the model's static loader.
        failure =
            new EmbeddingUnavailableException(
                "cannot load " + ID + " through ONNX Runtime: " + e, e);
        throw failure;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public List<Embedding> embedAll(List<String> texts) {
    EmbeddingModel m = load();
    List<Embedding> out = new ArrayList<>(texts.size());
    List<TextSegment> segments = new ArrayList<>();
    List<Integer> positions = new ArrayList<>();
    for (int i = 0; i < texts.size(); i++) {
      String t = texts.get(i);
      out.add(null);
      if (t == null || t.isBlank()) {
        out.set(i, new Embedding(new float[384], ID));
      } else {
        segments.add(TextSegment.from(t));
        positions.add(i);
      }
    }
    if (!segments.isEmpty()) {
      List<dev.langchain4j.data.embedding.Embedding> vectors;
      try {
        vectors = m.embedAll(segments).content();
      } catch (RuntimeException e) {
        throw new EmbeddingUnavailableException(ID + " failed to embed a batch: " + e, e);
      }
      for (int k = 0; k < positions.size(); k++) {
        out.set(positions.get(k), new Embedding(vectors.get(k).vector(), ID));
      }
    }
    return out;
  }

  @Override
  public String toString() {
    return ID;
  }
}
