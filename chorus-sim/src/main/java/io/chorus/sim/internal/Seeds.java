package io.chorus.sim.internal;

import java.util.SplittableRandom;

/** Seed mixing: every random draw in the simulator comes from a generator seeded here. */
final class Seeds {
  private Seeds() {}

  /** SplitMix64's finaliser: a good 64-bit mix of one value. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  /** Combines values into one seed; order matters. */
  static long combine(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = mix(h ^ mix(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  /** A 64-bit hash of bytes (FNV-1a then mixed); stable across runs and JVMs. */
  static long hash(byte[] data) {
    long h = 0xcbf29ce484222325L;
    for (byte b : data) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    return mix(h);
  }

  static long hash(String text) {
    return hash(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  static SplittableRandom random(long... parts) {
    return new SplittableRandom(combine(parts));
  }
}
