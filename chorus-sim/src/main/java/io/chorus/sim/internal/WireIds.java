package io.chorus.sim.internal;

import java.util.SplittableRandom;

/** Random ids in the providers' styles ({@code req_…}, {@code msg_…}, {@code chatcmpl-…}). */
final class WireIds {
  private static final char[] ALPHABET =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private WireIds() {}

  static String base62(String prefix, int length, SplittableRandom random) {
    StringBuilder sb = new StringBuilder(prefix.length() + length).append(prefix);
    for (int i = 0; i < length; i++) {
      sb.append(ALPHABET[random.nextInt(ALPHABET.length)]);
    }
    return sb.toString();
  }

  static String hex(String prefix, int length, SplittableRandom random) {
    StringBuilder sb = new StringBuilder(prefix.length() + length).append(prefix);
    for (int i = 0; i < length; i++) {
      sb.append(HEX[random.nextInt(16)]);
    }
    return sb.toString();
  }
}
