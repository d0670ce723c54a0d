package io.chorus.gateway.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * A finished answer cut into stream chunks at word boundaries, so a client renders it as it would a
 * model's stream.
 */
final class Chunks {

  private Chunks() {}

  static List<String> of(String text) {
    List<String> out = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = Math.min(text.length(), start + 24);
      while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && end - start < 64) {
        end++;
      }
      if (end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
        end++;
      }
      out.add(text.substring(start, end));
      start = end;
    }
    return out;
  }
}
