package io.chorus.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.internal.Json;
import java.io.IOException;

/**
 * The simulator's view of one client's run, read from {@code GET /_sim/stats} after it (the
 * counters are reset before each client).
 *
 * @param requests API requests the simulator received (first attempts, retries and hedges)
 * @param rateLimited requests it refused with 429
 * @param peakConnections the most connections open at once
 * @param cpuMs CPU the simulator process used during the run, milliseconds, or -1 when unknown
 */
public record SimCounters(long requests, long rateLimited, long peakConnections, double cpuMs) {

  public static final SimCounters UNKNOWN = new SimCounters(-1, -1, -1, -1);

  public SimCounters(long requests, long rateLimited, long peakConnections) {
    this(requests, rateLimited, peakConnections, -1);
  }

  /** These counters with the simulator's CPU time for the run. */
  public SimCounters withCpuMs(double ms) {
    return new SimCounters(requests, rateLimited, peakConnections, ms);
  }

  private static final ObjectMapper JSON = Json.MAPPER;

  /**
   * Parses the stats JSON.
   *
   * @throws IllegalArgumentException when it is not the simulator's stats shape
   */
  public static SimCounters parse(String json) {
    try {
      JsonNode root = JSON.readTree(json);
      JsonNode totals = root.path("totals");
      if (!totals.has("requests")) {
        throw new IllegalArgumentException("simulator stats without totals.requests: " + json);
      }
      return new SimCounters(
          totals.path("requests").asLong(),
          totals.path("rateLimited").asLong(),
          root.path("peakConnections").asLong());
    } catch (IOException e) {
      throw new IllegalArgumentException("simulator stats are not JSON: " + e.getMessage(), e);
    }
  }
}
