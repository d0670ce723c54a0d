package io.chorus.bench;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.common.internal.Json;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a client process measured about itself, printed as one line {@code RESULT {json}} on its
 * standard output (the Node driver prints the same shape). Immutable.
 *
 * @param client the client's name
 * @param calls calls the workload asked for
 * @param ok calls that succeeded
 * @param errors calls that failed for good
 * @param errorKinds failures by kind (HTTP status or exception name)
 * @param wallMs from the first call to the last, milliseconds
 * @param cpuMs the client process's CPU time over the same span, milliseconds
 * @param peakHeapMb the highest heap in use sampled every 50 ms (JVM heap, or V8 heapUsed), MB
 * @param peakRssMb the process's peak resident set (VmHWM), MB
 * @param liveHeapMb the most heap left in use after a garbage collection (JVM only; -1 unknown), MB
 * @param retries retries the client itself reports, or -1 when it cannot tell
 * @param hedges hedged duplicates the client reports, or -1
 * @param p50Ms median workflow latency, milliseconds
 * @param p99Ms 99th percentile workflow latency, milliseconds
 * @param maxMs slowest workflow, milliseconds
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ClientResult(
    String client,
    long calls,
    long ok,
    long errors,
    Map<String, Long> errorKinds,
    double wallMs,
    double cpuMs,
    double peakHeapMb,
    double peakRssMb,
    double liveHeapMb,
    long retries,
    long hedges,
    double p50Ms,
    double p99Ms,
    double maxMs) {

  static final String PREFIX = "RESULT ";
  private static final ObjectMapper JSON = Json.MAPPER;

  public ClientResult {
    errorKinds = errorKinds == null ? Map.of() : Map.copyOf(new TreeMap<>(errorKinds));
  }

  /** The {@code RESULT {json}} line. */
  public String toLine() {
    try {
      return PREFIX + JSON.writeValueAsString(this);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a {@code RESULT {json}} line.
   *
   * @throws IllegalArgumentException when the line is not one, naming what was wrong
   */
  public static ClientResult parseLine(String line) {
    if (line == null || !line.startsWith(PREFIX)) {
      throw new IllegalArgumentException("not a RESULT line: " + abbreviate(line));
    }
    try {
      return JSON.readValue(line.substring(PREFIX.length()), ClientResult.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          "bad RESULT json: " + e.getOriginalMessage() + " in " + abbreviate(line), e);
    }
  }

  /** Calls per second over the wall time. */
  public double callsPerSecond() {
    return wallMs <= 0 ? 0 : ok * 1000.0 / wallMs;
  }

  /** CPU seconds per 1,000 calls. */
  public double cpuSecondsPer1000() {
    return calls == 0 ? 0 : (cpuMs / 1000.0) * 1000.0 / calls;
  }

  private static String abbreviate(String s) {
    if (s == null) {
      return "null";
    }
    return s.length() > 200 ? s.substring(0, 200) + "..." : s;
  }
}
