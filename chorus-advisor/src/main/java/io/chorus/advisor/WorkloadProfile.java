package io.chorus.advisor;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.advisor.internal.Json;
import io.chorus.advisor.internal.ProfileParser;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the advisor needs to know about a workload: the answers to the questions of the advisor's
 * framework.
 *
 * <p>Immutable and thread-safe. Build one with {@link #fromMap}, {@link #fromJson} or {@link
 * #fromArgs}; each rejects bad input with a {@link ProfileException} naming the field.
 *
 * @param workloadType what the work spends its time on
 * @param concurrency how many tasks could run at once (1 = one at a time)
 * @param latencyMs the latency requirement per task or request in ms; 0 = none
 * @param memoryBudgetMb memory available for the work in MB; 0 = no budget given
 * @param cpuCores CPU cores available
 * @param expensiveStartup whether each worker has an expensive start-up (model load, warm cache)
 * @param sharedState whether tasks share mutable in-memory state
 * @param isolation whether tasks need isolation (crash, memory or native-code containment)
 * @param blockingLibraries whether the code calls libraries that block the OS thread (JNI, native
 *     drivers, synchronized I/O on JDK &lt; 24) and so pin virtual threads
 * @param rateLimitedApi whether the I/O goes to a remote API with a rate limit or quota
 */
public record WorkloadProfile(
    WorkloadType workloadType,
    int concurrency,
    long latencyMs,
    long memoryBudgetMb,
    int cpuCores,
    boolean expensiveStartup,
    boolean sharedState,
    boolean isolation,
    boolean blockingLibraries,
    boolean rateLimitedApi) {

  /** The canonical field names, in the order the questionnaire asks them. */
  public static final List<String> FIELDS =
      List.of(
          "workloadType",
          "concurrency",
          "latencyMs",
          "memoryBudgetMb",
          "cpuCores",
          "expensiveStartup",
          "sharedState",
          "isolation",
          "blockingLibraries",
          "rateLimitedApi");

  /** Validates the numbers; each check names its field. */
  public WorkloadProfile {
    if (workloadType == null) throw new ProfileException("workloadType", "is required");
    if (concurrency < 1)
      throw new ProfileException("concurrency", "must be at least 1, got " + concurrency);
    if (latencyMs < 0)
      throw new ProfileException("latencyMs", "must be 0 (none) or positive, got " + latencyMs);
    if (memoryBudgetMb < 0)
      throw new ProfileException(
          "memoryBudgetMb", "must be 0 (none) or positive, got " + memoryBudgetMb);
    if (cpuCores < 1) throw new ProfileException("cpuCores", "must be at least 1, got " + cpuCores);
  }

  /**
   * Builds a profile from a map of field names to values (strings, numbers or booleans). Keys may
   * be camelCase ({@code memoryBudgetMb}), kebab-case or flag-style ({@code --memory-budget-mb}).
   * {@code workloadType} and {@code concurrency} are required; {@code cpuCores} defaults to this
   * machine's processors; the rest default to 0 / false.
   *
   * @throws ProfileException naming the unknown, missing or malformed field
   */
  public static WorkloadProfile fromMap(Map<String, ?> values) {
    return ProfileParser.fromMap(values);
  }

  /**
   * Parses a JSON object with the fields of {@link #FIELDS}.
   *
   * @throws ProfileException naming the field, or {@code (json)} when the text is not a JSON object
   */
  public static WorkloadProfile fromJson(String json) {
    JsonNode node;
    try {
      node = Json.MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new ProfileException(
          "(json)",
          "not valid JSON at line " + e.getLocation().getLineNr() + ": " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject())
      throw new ProfileException("(json)", "expected a JSON object");
    Map<String, Object> map = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      JsonNode v = e.getValue();
      Object value =
          v.isBoolean()
              ? (Object) v.booleanValue()
              : v.isIntegralNumber()
                  ? (Object) v.longValue()
                  : v.isNumber()
                      ? (Object) v.doubleValue()
                      : v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
      map.put(e.getKey(), value);
    }
    return ProfileParser.fromMap(map);
  }

  /**
   * Parses command-line flags: {@code --workload-type io-bound --concurrency=200
   * --rate-limited-api}. A boolean flag alone means true; {@code --shared-state=false} works too.
   *
   * @throws ProfileException naming the flag's field
   */
  public static WorkloadProfile fromArgs(String... args) {
    return ProfileParser.fromArgs(args);
  }

  /** This profile as a map keyed by the canonical field names (JSON-ready). */
  public Map<String, Object> toMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("workloadType", workloadType.label());
    m.put("concurrency", concurrency);
    m.put("latencyMs", latencyMs);
    m.put("memoryBudgetMb", memoryBudgetMb);
    m.put("cpuCores", cpuCores);
    m.put("expensiveStartup", expensiveStartup);
    m.put("sharedState", sharedState);
    m.put("isolation", isolation);
    m.put("blockingLibraries", blockingLibraries);
    m.put("rateLimitedApi", rateLimitedApi);
    return m;
  }

  /** This profile as JSON that {@link #fromJson} reads back to an equal profile. */
  public String toJson() {
    return Json.write(toMap());
  }
}
