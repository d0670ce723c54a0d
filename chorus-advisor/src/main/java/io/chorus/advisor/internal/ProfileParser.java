package io.chorus.advisor.internal;

import io.chorus.advisor.ProfileException;
import io.chorus.advisor.WorkloadProfile;
import io.chorus.advisor.WorkloadType;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Turns maps and flags into a {@link WorkloadProfile}, with errors that name the field. */
public final class ProfileParser {
  private static final Map<String, String> CANONICAL = new HashMap<>();

  static {
    for (String f : WorkloadProfile.FIELDS) CANONICAL.put(squash(f), f);
    // Friendly aliases seen in the selector and in flags.
    CANONICAL.put("type", "workloadType");
    CANONICAL.put("workload", "workloadType");
    CANONICAL.put("latencyrequirementms", "latencyMs");
    CANONICAL.put("latency", "latencyMs");
    CANONICAL.put("memorybudget", "memoryBudgetMb");
    CANONICAL.put("memorymb", "memoryBudgetMb");
    CANONICAL.put("cores", "cpuCores");
    CANONICAL.put("hasexpensivestartup", "expensiveStartup");
    CANONICAL.put("isolationneeds", "isolation");
    CANONICAL.put("ratelimited", "rateLimitedApi");
  }

  private ProfileParser() {}

  private static String squash(String key) {
    String k = key.trim();
    while (k.startsWith("-")) k = k.substring(1);
    return k.replace("-", "").replace("_", "").toLowerCase(Locale.ROOT);
  }

  /** See {@link WorkloadProfile#fromMap}. */
  public static WorkloadProfile fromMap(Map<String, ?> raw) {
    Map<String, Object> v = new LinkedHashMap<>();
    for (Map.Entry<String, ?> e : raw.entrySet()) {
      String field = CANONICAL.get(squash(e.getKey()));
      if (field == null)
        throw new ProfileException(
            e.getKey(),
            "unknown field; known fields are " + String.join(", ", WorkloadProfile.FIELDS));
      if (v.containsKey(field))
        throw new ProfileException(field, "given twice (as '" + e.getKey() + "')");
      v.put(field, e.getValue());
    }
    Object type = v.get("workloadType");
    if (type == null)
      throw new ProfileException("workloadType", "is required (io-bound, cpu-bound or mixed)");
    WorkloadType workloadType;
    try {
      workloadType = WorkloadType.parse(type.toString());
    } catch (IllegalArgumentException ex) {
      throw new ProfileException("workloadType", ex.getMessage());
    }
    if (v.get("concurrency") == null)
      throw new ProfileException(
          "concurrency", "is required (how many tasks could run at once, e.g. 100)");
    return new WorkloadProfile(
        workloadType,
        (int) whole(v, "concurrency", 1, Integer.MAX_VALUE, 1),
        whole(v, "latencyMs", 0, Long.MAX_VALUE, 0),
        whole(v, "memoryBudgetMb", 0, Long.MAX_VALUE, 0),
        (int) whole(v, "cpuCores", 1, 4096, Runtime.getRuntime().availableProcessors()),
        yesNo(v, "expensiveStartup"),
        yesNo(v, "sharedState"),
        yesNo(v, "isolation"),
        yesNo(v, "blockingLibraries"),
        yesNo(v, "rateLimitedApi"));
  }

  private static long whole(Map<String, Object> v, String field, long min, long max, long dflt) {
    Object o = v.get(field);
    if (o == null) return dflt;
    long n;
    if (o instanceof Integer || o instanceof Long || o instanceof Short) {
      n = ((Number) o).longValue();
    } else if (o instanceof Number num) {
      double d = num.doubleValue();
      if (d != Math.rint(d)) throw new ProfileException(field, "expected a whole number, got " + o);
      n = (long) d;
    } else {
      String s = o.toString().trim();
      try {
        n = Long.parseLong(s);
      } catch (NumberFormatException e) {
        throw new ProfileException(field, "expected a whole number, got \"" + s + "\"");
      }
    }
    if (n < min || n > max)
      throw new ProfileException(field, "must be between " + min + " and " + max + ", got " + n);
    return n;
  }

  /** Accepts booleans and yes/no/y/n/true/false/1/0 strings; anything else names the field. */
  public static boolean yesNo(Map<String, Object> v, String field) {
    Object o = v.get(field);
    if (o == null) return false;
    if (o instanceof Boolean b) return b;
    Boolean parsed = parseYesNo(o.toString());
    if (parsed == null)
      throw new ProfileException(field, "expected yes/no or true/false, got \"" + o + "\"");
    return parsed;
  }

  /** yes/no parsing shared with the questionnaire; null when the text is neither. */
  public static Boolean parseYesNo(String text) {
    return switch (text.trim().toLowerCase(Locale.ROOT)) {
      case "y", "yes", "true", "1", "on" -> Boolean.TRUE;
      case "n", "no", "false", "0", "off" -> Boolean.FALSE;
      default -> null;
    };
  }

  /** See {@link WorkloadProfile#fromArgs}. */
  public static WorkloadProfile fromArgs(String... args) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("--"))
        throw new ProfileException(a, "expected a flag like --concurrency, got \"" + a + "\"");
      String key = a;
      Object value;
      int eq = a.indexOf('=');
      if (eq > 0) {
        key = a.substring(0, eq);
        value = a.substring(eq + 1);
      } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
        value = args[++i];
      } else {
        value = Boolean.TRUE; // a bare boolean flag
      }
      if (m.containsKey(key)) throw new ProfileException(key, "given twice");
      m.put(key, value);
    }
    return fromMap(m);
  }
}
