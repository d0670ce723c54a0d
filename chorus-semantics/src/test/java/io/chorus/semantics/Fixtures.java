package io.chorus.semantics;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shared test data. The MiniLM model is a JVM-wide singleton, loaded once for all test classes. */
final class Fixtures {

  static final Embedder MINI_LM = Embedder.miniLm();

  private Fixtures() {}

  static String resource(String name) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/" + name)) {
      if (in == null) {
        throw new IllegalStateException("missing test resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String grokRound1() {
    return resource("seed000-grok-round1.md");
  }

  static String grokRound2() {
    return resource("seed000-grok-round2.md");
  }

  /** A labelled pair from calibration-pairs.tsv. */
  record LabelledPair(String label, String a, String b, int line) {}

  static List<LabelledPair> calibrationPairs() {
    List<LabelledPair> out = new ArrayList<>();
    String[] lines = resource("calibration-pairs.tsv").split("\n");
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i];
      if (l.isBlank() || l.startsWith("#")) {
        continue;
      }
      String[] f = l.split("\t");
      if (f.length != 3) {
        throw new IllegalStateException(
            "calibration-pairs.tsv line " + (i + 1) + ": want 3 tab-separated fields");
      }
      out.add(new LabelledPair(f[0], f[1], f[2], i + 1));
    }
    return out;
  }

  @SafeVarargs
  static <V> Map<String, V> ordered(Map.Entry<String, V>... entries) {
    Map<String, V> m = new LinkedHashMap<>();
    for (var e : entries) {
      m.put(e.getKey(), e.getValue());
    }
    return m;
  }
}
