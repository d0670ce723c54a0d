package io.chorus.semantics.internal;

import io.chorus.semantics.Calibration;
import io.chorus.semantics.Embedder;
import io.chorus.semantics.Embedding;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Deterministic lexical embedder: stemmed content words (weight 1) and adjacent-word bigrams
 * (weight 0.5), sublinear term frequency, signed feature hashing (FNV-1a, 64 bit) into {@value
 * #DIM} dimensions, unit length. Same text, same vector, on every machine and JVM.
 */
public final class HashedEmbedder implements Embedder {

  public static final String ID = "hashed-words-1024-v1";
  public static final HashedEmbedder INSTANCE = new HashedEmbedder();
  static final int DIM = 1024;

  private HashedEmbedder() {}

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Calibration calibration() {
    return Calibration.HASHED;
  }

  @Override
  public List<Embedding> embedAll(List<String> texts) {
    List<Embedding> out = new ArrayList<>(texts.size());
    for (String t : texts) {
      out.add(new Embedding(vector(t == null ? "" : t), ID));
    }
    return out;
  }

  private static float[] vector(String text) {
    List<String> stems = Words.contentStems(text);
    Map<String, Double> features = new HashMap<>();
    for (int i = 0; i < stems.size(); i++) {
      features.merge("w:" + stems.get(i), 1.0, Double::sum);
      if (i + 1 < stems.size()) {
        features.merge("b:" + stems.get(i) + " " + stems.get(i + 1), 0.5, Double::sum);
      }
    }
    float[] v = new float[DIM];
    for (var f : features.entrySet()) {
      long h = fnv1a(f.getKey());
      int slot = (int) Long.remainderUnsigned(h, DIM);
      double sign = (h >>> 63) == 0 ? 1 : -1;
      v[slot] += (float) (sign * (1 + Math.log(f.getValue() + 1e-9) / Math.log(2) * 0.5));
    }
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    if (norm > 0) {
      float inv = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < DIM; i++) {
        v[i] *= inv;
      }
    }
    return v;
  }

  private static long fnv1a(String s) {
    long h = 0xcbf29ce484222325L;
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      h ^= (b & 0xff);
      h *= 0x100000001b3L;
    }
    return h;
  }

  @Override
  public String toString() {
    return ID;
  }
}
