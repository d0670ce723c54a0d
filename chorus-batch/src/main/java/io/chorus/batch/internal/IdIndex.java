package io.chorus.batch.internal;

import java.nio.charset.StandardCharsets;

/**
 * The items of a batch by {@code custom_id}, in primitive arrays: for each id its first line in the
 * input, a 64-bit digest of that line's content and a few flags, 21 bytes a slot with the table at
 * most half full, instead of a {@code HashMap<String, …>} (well over 100 bytes an item). A
 * million-line batch finds its duplicates and its finished items in about 40 MB, not 150 MB of
 * {@code -Xmx256m}. Keys are 64-bit hashes of the id: two distinct ids collide with probability
 * about n²/2⁶⁵ (3·10⁻⁸ for a million), which would report a false duplicate, never lose an item.
 *
 * <p>Not thread-safe.
 */
public final class IdIndex {

  /**
   * The line was rejected (invalid for the workflow): a later line with its id is still a
   * duplicate.
   */
  public static final int REJECTED = 1;

  /** The id is in the journal's record of the earlier input. */
  public static final int IN_EARLIER_INPUT = 2;

  /** The item finished in an earlier run with this content: it is not run again. */
  public static final int DONE = 4;

  private long[] keys = new long[1 << 10];
  private int[] lines = new int[1 << 10];
  private long[] contents = new long[1 << 10];
  private byte[] flags = new byte[1 << 10];
  private int size;

  /**
   * Records {@code id} first seen on {@code line} with {@code content}, unless seen; returns the
   * first line it was seen on, or 0 when it is new.
   */
  public int putIfAbsent(String id, int line, long content) {
    long h = hash(id);
    int i = slot(h);
    if (lines[i] != 0) {
      return lines[i];
    }
    keys[i] = h;
    lines[i] = line;
    contents[i] = content;
    if (++size * 2 > keys.length) {
      grow();
    }
    return 0;
  }

  /** The slot of {@code id}, or -1 when it is not in the index. */
  public int find(String id) {
    int i = slot(hash(id));
    return lines[i] == 0 ? -1 : i;
  }

  public int line(int slot) {
    return lines[slot];
  }

  public long content(int slot) {
    return contents[slot];
  }

  public boolean has(int slot, int flag) {
    return (flags[slot] & flag) != 0;
  }

  public void set(int slot, int flag) {
    flags[slot] |= (byte) flag;
  }

  public int size() {
    return size;
  }

  /** How many ids have every flag of {@code all} and none of {@code none}. */
  public long count(int all, int none) {
    long n = 0;
    for (int i = 0; i < lines.length; i++) {
      if (lines[i] != 0 && (flags[i] & all) == all && (flags[i] & none) == 0) {
        n++;
      }
    }
    return n;
  }

  private int slot(long h) {
    int mask = keys.length - 1;
    int i = (int) (h ^ (h >>> 32)) & mask;
    while (lines[i] != 0 && keys[i] != h) {
      i = (i + 1) & mask;
    }
    return i;
  }

  private void grow() {
    long[] ok = keys;
    int[] ol = lines;
    long[] oc = contents;
    byte[] of = flags;
    keys = new long[ok.length * 2];
    lines = new int[ol.length * 2];
    contents = new long[oc.length * 2];
    flags = new byte[of.length * 2];
    for (int j = 0; j < ok.length; j++) {
      if (ol[j] != 0) {
        int i = slot(ok[j]);
        keys[i] = ok[j];
        lines[i] = ol[j];
        contents[i] = oc[j];
        flags[i] = of[j];
      }
    }
  }

  /** The first 64 bits of a content digest in hex ({@link io.chorus.batch.BatchItem#content}). */
  public static long contentKey(String hexDigest) {
    return hexDigest == null || hexDigest.length() < 16
        ? 0
        : Long.parseUnsignedLong(hexDigest.substring(0, 16), 16);
  }

  /** FNV-1a over the UTF-8 bytes, then a 64-bit finalizer (murmur3's fmix64) to spread it. */
  static long hash(String id) {
    long h = 0xcbf29ce484222325L;
    for (byte b : id.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb93fe1a85ec5L;
    h ^= h >>> 33;
    return h;
  }
}
