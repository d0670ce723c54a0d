package io.chorus.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * A snapshot of what the simulator has served since it started or was last reset. Also served as
 * JSON by {@code GET /_sim/stats}. Immutable.
 *
 * <p>API keys never appear: per-key figures are listed under {@link #keyLabel(String)}, a
 * fingerprint of the key.
 *
 * @param totals counters over all requests
 * @param peakConnections the most connections open at once
 * @param openConnections connections open now
 * @param byKey counters per key label ({@code anonymous} for requests without a key)
 * @param byModel counters per model name as requested
 */
public record SimStats(
    Counters totals,
    long peakConnections,
    long openConnections,
    Map<String, Counters> byKey,
    Map<String, Counters> byModel) {

  public SimStats {
    byKey = Map.copyOf(byKey);
    byModel = Map.copyOf(byModel);
  }

  /**
   * Counters for one slice of traffic.
   *
   * @param requests API requests received (after parsing; {@code /_sim} calls excluded)
   * @param rateLimited requests refused with 429 because a rate-limit bucket was empty
   * @param faults injected faults by {@link FaultKind#configName()}
   * @param inputTokens input tokens billed (uncached part)
   * @param outputTokens output tokens produced
   * @param cacheCreationTokens tokens written to the prompt cache
   * @param cacheReadTokens tokens read from the prompt cache
   * @param clientAborts streams the client closed before their end (seen at the server's next
   *     write, so a cancel during the wait for the first token is counted when that token is due)
   */
  public record Counters(
      long requests,
      long rateLimited,
      Map<String, Long> faults,
      long inputTokens,
      long outputTokens,
      long cacheCreationTokens,
      long cacheReadTokens,
      long clientAborts) {
    public Counters {
      faults = Map.copyOf(faults);
    }

    /** Faults of one kind. */
    public long faults(FaultKind kind) {
      return faults.getOrDefault(kind.configName(), 0L);
    }

    /** All injected faults. */
    public long faultCount() {
      return faults.values().stream().mapToLong(Long::longValue).sum();
    }
  }

  /** Counters of one key ({@code null} or empty for requests without a key). */
  public Counters forKey(String apiKey) {
    return byKey.get(keyLabel(apiKey));
  }

  /** Counters of one model. */
  public Counters forModel(String model) {
    return byModel.get(model);
  }

  /**
   * The label under which a key's figures are listed: {@code key-} and the first 12 hex digits of
   * its SHA-256, never the key itself; {@code anonymous} for no key.
   */
  public static String keyLabel(String apiKey) {
    if (apiKey == null || apiKey.isEmpty()) {
      return "anonymous";
    }
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256").digest(apiKey.getBytes(StandardCharsets.UTF_8));
      return "key-" + HexFormat.of().formatHex(d, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
