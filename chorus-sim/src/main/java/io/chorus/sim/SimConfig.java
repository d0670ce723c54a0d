package io.chorus.sim;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.internal.Durations;
import io.chorus.common.internal.LocatedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A simulator configuration file ({@code sim.yaml}), with the same content as the {@link
 * Simulator.Builder}. Every error names the file, the line and the key. Immutable.
 *
 * {@snippet lang=yaml :
 * seed: 7
 * port: 0                      # SimMain only
 * requireApiKey: false
 * stallLimit: 10m
 * batches: {processingTime: 200ms, expiresAfter: 24h, maxRequests: 100000}   # both batch APIs
 * defaultModel: {ttft: 20ms, tokensPerSecond: 1000}
 * models:
 *   judge:
 *     base: fast               # start from a built-in model (default: the default model)
 *     ttft: {lognormal: {p50: 300ms, p99: 2s}}   # or 20ms, or {uniform: [10ms, 30ms]}
 *     tokensPerSecond: {uniform: [50, 80]}       # or 100; 0 = no delay
 *     reasoning: false
 *     minCacheTokens: 0
 *     rateLimits: {requestsPerMinute: 50, inputTokensPerMinute: 30000, outputTokensPerMinute: 8000}
 *     faults: [{kind: overloaded, rate: 0.02}]
 * keys:
 *   sk-test-small: {rateLimits: {requestsPerMinute: 5}}
 * faults:
 *   - {kind: server_error, onRequests: [3]}
 *   - {kind: rate_limit, model: judge, rate: 0.1, retryAfter: 2s, shouldRetry: true, stream: false}
 * rules:
 *   - match: {userContains: "capital of France"}
 *     text: "Paris."
 *   - match: {model: judge, userRegex: "choose exactly one"}
 *     vote: {correct: b, options: [a, b, c], accuracy: 0.7, accuracyByModel: {fast: 0.9},
 *            accuracyByPersona: {"You are a careful": 0.95}, format: json}
 * }
 *
 * Durations take a unit ({@code ms}, {@code s}, {@code m}, {@code h}); in {@code ttft} a bare
 * number means milliseconds. Omitted rate-limit fields keep the generous defaults.
 */
public final class SimConfig {
  private static final Set<String> TOP =
      Set.of(
          "seed",
          "port",
          "requireApiKey",
          "stallLimit",
          "defaultModel",
          "models",
          "keys",
          "faults",
          "rules",
          "batches");
  private static final Set<String> BATCHES =
      Set.of("processingTime", "expiresAfter", "maxRequests");
  private static final Set<String> MODEL =
      Set.of(
          "base", "ttft", "tokensPerSecond", "rateLimits", "faults", "reasoning", "minCacheTokens");
  private static final Set<String> LIMITS =
      Set.of("requestsPerMinute", "inputTokensPerMinute", "outputTokensPerMinute");
  private static final Set<String> FAULT =
      Set.of(
          "kind",
          "rate",
          "onRequests",
          "model",
          "stream",
          "shouldRetry",
          "retryAfter",
          "retryAfterHeader");
  private static final Set<String> RULE = Set.of("match", "text", "vote");
  private static final Set<String> MATCH =
      Set.of("model", "systemContains", "userContains", "userRegex");
  private static final Set<String> VOTE =
      Set.of("correct", "options", "accuracy", "accuracyByModel", "accuracyByPersona", "format");

  private final String source;
  private Long seed;
  private Integer port;
  private Boolean requireApiKey;
  private Duration stallLimit;
  private Duration batchProcessing;
  private Duration batchExpiry;
  private Integer batchMaxRequests;
  private ModelBehaviour defaultModel;
  private final Map<String, ModelBehaviour> models = new LinkedHashMap<>();
  private final Map<String, RateLimits> keys = new LinkedHashMap<>();
  private final List<FaultRule> faults = new ArrayList<>();
  private final List<Rule> rules = new ArrayList<>();

  private SimConfig(String source) {
    this.source = source;
  }

  /**
   * Loads a config file.
   *
   * @throws IllegalArgumentException naming file, line and key for a missing file, bad YAML, an
   *     unknown key or a bad value
   */
  public static SimConfig load(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new IllegalArgumentException(file + ": simulator config file not found");
    } catch (IOException e) {
      throw new IllegalArgumentException(
          file + ": cannot read simulator config: " + e.getMessage(), e);
    }
    return parse(text, file.toString());
  }

  /** Parses config text; {@code source} names it in error messages. */
  public static SimConfig parse(String yaml, String source) {
    SimConfig c = new SimConfig(source);
    c.read(Node.parse(yaml, source));
    return c;
  }

  /**
   * A value of the file and the line it stands on (for a mapping's entries: the key's line), every
   * scalar as the text written; a view of the one YAML reader's tree ({@link LocatedYaml}).
   *
   * @param value a {@code Map<String, Node>}, a {@code List<Node>}, a String, or null
   */
  private record Node(@Nullable Object value, int line) {

    /** Reads a YAML document; syntax errors and duplicate keys name {@code source}:line. */
    static Node parse(String yaml, String source) {
      LocatedYaml y;
      try {
        y = LocatedYaml.read(yaml);
      } catch (LocatedYaml.Invalid e) {
        throw new IllegalArgumentException(
            source + ":" + e.line() + ":" + e.column() + ": YAML syntax error: " + e.problem(), e);
      }
      if (!y.duplicates().isEmpty()) {
        LocatedYaml.Duplicate d = y.duplicates().get(0);
        throw new IllegalArgumentException(
            source + ":" + d.line() + ": duplicate key '" + d.key() + "'");
      }
      return view(y, y.root(), "", 1);
    }

    private static Node view(LocatedYaml y, JsonNode n, String pointer, int line) {
      if (n.isObject()) {
        Map<String, Node> m = new LinkedHashMap<>();
        n.properties()
            .forEach(
                e -> {
                  String child = LocatedYaml.pointer(pointer, e.getKey());
                  m.put(e.getKey(), view(y, e.getValue(), child, y.lineOf(child)));
                });
        return new Node(m, line);
      }
      if (n.isArray()) {
        List<Node> l = new ArrayList<>();
        for (int i = 0; i < n.size(); i++) {
          String child = pointer + "/" + i;
          l.add(view(y, n.get(i), child, y.lineOf(child)));
        }
        return new Node(l, line);
      }
      return new Node(n.isNull() ? null : y.textAt(pointer), line);
    }
  }

  /** The configured seed, or null. */
  public @Nullable Long seed() {
    return seed;
  }

  /** The configured port, or null. */
  public @Nullable Integer port() {
    return port;
  }

  /** Applies everything configured to {@code b}; what is not configured is left as it is. */
  public void applyTo(Simulator.Builder b) {
    if (seed != null) {
      b.seed(seed);
    }
    if (port != null) {
      b.port(port);
    }
    if (requireApiKey != null) {
      b.requireApiKey(requireApiKey);
    }
    if (stallLimit != null) {
      b.stallLimit(stallLimit);
    }
    if (defaultModel != null) {
      b.defaultModel(defaultModel);
    }
    if (batchProcessing != null || batchExpiry != null) {
      b.batches(
          batchProcessing != null ? batchProcessing : Duration.ofMillis(200),
          batchExpiry != null ? batchExpiry : Duration.ofHours(24));
    }
    if (batchMaxRequests != null) {
      b.batchMaxRequests(batchMaxRequests);
    }
    models.forEach(b::model);
    keys.forEach(b::keyLimits);
    faults.forEach(b::fault);
    rules.forEach(b::rule);
  }

  // ---- reading ----

  private IllegalArgumentException error(Node at, String path, String message) {
    return new IllegalArgumentException(source + ":" + at.line() + ": " + path + ": " + message);
  }

  @SuppressWarnings("unchecked")
  private Map<String, Node> map(Node n, String path, Set<String> allowed) {
    if (!(n.value() instanceof Map)) {
      throw error(n, path, "expected a mapping (key: value)");
    }
    Map<String, Node> m = (Map<String, Node>) n.value();
    if (allowed != null) {
      for (Map.Entry<String, Node> e : m.entrySet()) {
        if (!allowed.contains(e.getKey())) {
          throw error(
              e.getValue(),
              path.isEmpty() ? e.getKey() : path + "." + e.getKey(),
              "unknown key '"
                  + e.getKey()
                  + "' (expected one of: "
                  + String.join(", ", new java.util.TreeSet<>(allowed))
                  + ")");
        }
      }
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private List<Node> list(Node n, String path) {
    if (!(n.value() instanceof List)) {
      throw error(n, path, "expected a list");
    }
    return (List<Node>) n.value();
  }

  private String string(Node n, String path) {
    if (!(n.value() instanceof String s)) {
      throw error(n, path, "expected a single value");
    }
    return s;
  }

  private long integer(Node n, String path) {
    try {
      return Long.parseLong(string(n, path).replace("_", ""));
    } catch (NumberFormatException e) {
      throw error(n, path, "expected an integer, got '" + n.value() + "'");
    }
  }

  private double number(Node n, String path) {
    try {
      return Double.parseDouble(string(n, path));
    } catch (NumberFormatException e) {
      throw error(n, path, "expected a number, got '" + n.value() + "'");
    }
  }

  private boolean bool(Node n, String path) {
    String s = string(n, path).toLowerCase(Locale.ROOT);
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw error(n, path, "expected true or false, got '" + n.value() + "'");
  }

  private Duration duration(Node n, String path, boolean bareMillis) {
    String s = string(n, path).strip().toLowerCase(Locale.ROOT);
    try {
      return parseDuration(s, bareMillis);
    } catch (IllegalArgumentException e) {
      throw error(n, path, "expected " + Durations.EXPECTED + ", got '" + n.value() + "'");
    }
  }

  private static Duration parseDuration(String s, boolean bareMillis) {
    Duration d = Durations.parse(s, bareMillis ? ChronoUnit.MILLIS : null);
    if (d.isNegative()) {
      throw new IllegalArgumentException();
    }
    return d;
  }

  private void read(Node root) {
    Map<String, Node> top = map(root, "", TOP);
    try {
      top.forEach(
          (k, v) -> {
            switch (k) {
              case "seed" -> seed = integer(v, k);
              case "port" -> port = (int) integer(v, k);
              case "requireApiKey" -> requireApiKey = bool(v, k);
              case "stallLimit" -> stallLimit = duration(v, k, false);
              case "batches" ->
                  map(v, k, BATCHES)
                      .forEach(
                          (bk, bv) -> {
                            String path = k + "." + bk;
                            switch (bk) {
                              case "processingTime" -> batchProcessing = duration(bv, path, false);
                              case "expiresAfter" -> batchExpiry = duration(bv, path, false);
                              default -> batchMaxRequests = (int) integer(bv, path);
                            }
                          });
              case "defaultModel" -> defaultModel = model(v, k, BuiltInModels.DEFAULT);
              case "models" ->
                  map(v, k, null)
                      .forEach(
                          (name, spec) -> {
                            ModelBehaviour base =
                                BuiltInModels.all().getOrDefault(name, BuiltInModels.DEFAULT);
                            models.put(name, model(spec, k + "." + name, base));
                          });
              case "keys" ->
                  map(v, k, null)
                      .forEach(
                          (key, spec) -> {
                            Map<String, Node> m = map(spec, k + ".<key>", Set.of("rateLimits"));
                            keys.put(
                                key,
                                m.containsKey("rateLimits")
                                    ? limits(m.get("rateLimits"), k + ".<key>.rateLimits")
                                    : RateLimits.GENEROUS);
                          });
              case "faults" -> {
                List<Node> l = list(v, k);
                for (int i = 0; i < l.size(); i++) {
                  faults.add(fault(l.get(i), k + "[" + i + "]"));
                }
              }
              case "rules" -> {
                List<Node> l = list(v, k);
                for (int i = 0; i < l.size(); i++) {
                  rules.add(rule(l.get(i), k + "[" + i + "]"));
                }
              }
              default -> throw new IllegalStateException(k);
            }
          });
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(source + ":")) {
        throw e;
      }
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    }
  }

  private ModelBehaviour model(Node n, String path, ModelBehaviour fallback) {
    Map<String, Node> m = map(n, path, MODEL);
    ModelBehaviour base = fallback;
    if (m.containsKey("base")) {
      String name = string(m.get("base"), path + ".base");
      base = BuiltInModels.all().get(name);
      if (base == null) {
        throw error(
            m.get("base"),
            path + ".base",
            "unknown built-in model '"
                + name
                + "' (expected one of: "
                + String.join(", ", BuiltInModels.all().keySet())
                + ")");
      }
    }
    ModelBehaviour.Builder b = base.toBuilder();
    if (m.containsKey("faults")) {
      b.clearFaults();
    }
    for (Map.Entry<String, Node> e : m.entrySet()) {
      String p = path + "." + e.getKey();
      Node v = e.getValue();
      try {
        switch (e.getKey()) {
          case "ttft" -> b.ttft(distribution(v, p, true));
          case "tokensPerSecond" -> b.tokensPerSecond(distribution(v, p, false));
          case "rateLimits" -> b.rateLimits(limits(v, p));
          case "reasoning" -> b.reasoning(bool(v, p));
          case "minCacheTokens" -> b.minCacheTokens(integer(v, p));
          case "faults" -> {
            List<Node> l = list(v, p);
            for (int i = 0; i < l.size(); i++) {
              b.fault(fault(l.get(i), p + "[" + i + "]"));
            }
          }
          default -> {}
        }
      } catch (IllegalArgumentException ex) {
        throw rethrow(ex, v, p);
      }
    }
    return b.build();
  }

  private IllegalArgumentException rethrow(IllegalArgumentException ex, Node at, String path) {
    if (ex.getMessage() != null && ex.getMessage().startsWith(source + ":")) {
      return ex;
    }
    return error(at, path, ex.getMessage());
  }

  private Distribution distribution(Node n, String path, boolean millis) {
    if (n.value() instanceof String) {
      return Distribution.fixed(millis ? duration(n, path, true).toNanos() / 1e6 : number(n, path));
    }
    Map<String, Node> m = map(n, path, Set.of("fixed", "uniform", "lognormal"));
    if (m.size() != 1) {
      throw error(n, path, "give exactly one of fixed, uniform, lognormal");
    }
    Map.Entry<String, Node> e = m.entrySet().iterator().next();
    String p = path + "." + e.getKey();
    Node v = e.getValue();
    return switch (e.getKey()) {
      case "fixed" -> Distribution.fixed(value(v, p, millis));
      case "uniform" -> {
        if (v.value() instanceof List) {
          List<Node> l = list(v, p);
          if (l.size() != 2) {
            throw error(v, p, "expected [min, max]");
          }
          yield Distribution.uniform(value(l.get(0), p, millis), value(l.get(1), p, millis));
        }
        Map<String, Node> u = map(v, p, Set.of("min", "max"));
        requireKeys(u, v, p, "min", "max");
        yield Distribution.uniform(
            value(u.get("min"), p + ".min", millis), value(u.get("max"), p + ".max", millis));
      }
      default -> {
        Map<String, Node> u = map(v, p, Set.of("p50", "p99"));
        requireKeys(u, v, p, "p50", "p99");
        yield Distribution.lognormal(
            value(u.get("p50"), p + ".p50", millis), value(u.get("p99"), p + ".p99", millis));
      }
    };
  }

  private double value(Node n, String path, boolean millis) {
    return millis ? duration(n, path, true).toNanos() / 1e6 : number(n, path);
  }

  private void requireKeys(Map<String, Node> m, Node at, String path, String... keys) {
    for (String k : keys) {
      if (!m.containsKey(k)) {
        throw error(at, path, "missing key '" + k + "'");
      }
    }
  }

  private RateLimits limits(Node n, String path) {
    Map<String, Node> m = map(n, path, LIMITS);
    RateLimits r = RateLimits.GENEROUS;
    if (m.containsKey("requestsPerMinute")) {
      r = r.withRequestsPerMinute(integer(m.get("requestsPerMinute"), path + ".requestsPerMinute"));
    }
    if (m.containsKey("inputTokensPerMinute")) {
      r =
          r.withInputTokensPerMinute(
              integer(m.get("inputTokensPerMinute"), path + ".inputTokensPerMinute"));
    }
    if (m.containsKey("outputTokensPerMinute")) {
      r =
          r.withOutputTokensPerMinute(
              integer(m.get("outputTokensPerMinute"), path + ".outputTokensPerMinute"));
    }
    return r;
  }

  private FaultRule fault(Node n, String path) {
    Map<String, Node> m = map(n, path, FAULT);
    requireKeys(m, n, path, "kind");
    try {
      FaultKind kind = FaultKind.parse(string(m.get("kind"), path + ".kind"));
      double rate = m.containsKey("rate") ? number(m.get("rate"), path + ".rate") : 0;
      Set<Long> on = new java.util.HashSet<>();
      if (m.containsKey("onRequests")) {
        Node o = m.get("onRequests");
        if (o.value() instanceof List) {
          for (Node x : list(o, path + ".onRequests")) {
            on.add(integer(x, path + ".onRequests"));
          }
        } else {
          on.add(integer(o, path + ".onRequests"));
        }
      }
      if (rate == 0 && on.isEmpty()) {
        throw error(n, path, "give a rate (0..1) or onRequests, or the fault never happens");
      }
      return new FaultRule(
          kind,
          rate,
          on,
          m.containsKey("model") ? string(m.get("model"), path + ".model") : null,
          m.containsKey("stream") ? bool(m.get("stream"), path + ".stream") : null,
          m.containsKey("shouldRetry") ? bool(m.get("shouldRetry"), path + ".shouldRetry") : null,
          m.containsKey("retryAfter")
              ? duration(m.get("retryAfter"), path + ".retryAfter", false)
              : null,
          m.containsKey("retryAfterHeader")
              ? string(m.get("retryAfterHeader"), path + ".retryAfterHeader")
              : null);
    } catch (IllegalArgumentException e) {
      throw rethrow(e, n, path);
    }
  }

  private Rule rule(Node n, String path) {
    Map<String, Node> m = map(n, path, RULE);
    Rule.Builder b = Rule.builder();
    if (m.containsKey("match")) {
      Map<String, Node> match = map(m.get("match"), path + ".match", MATCH);
      match.forEach(
          (k, v) -> {
            String s = string(v, path + ".match." + k);
            switch (k) {
              case "model" -> b.model(s);
              case "systemContains" -> b.systemContains(s);
              case "userContains" -> b.userContains(s);
              default -> {
                try {
                  b.userRegex(s);
                } catch (java.util.regex.PatternSyntaxException e) {
                  throw error(
                      v,
                      path + ".match.userRegex",
                      "bad regular expression: " + e.getDescription());
                }
              }
            }
          });
    }
    if (m.containsKey("text") == m.containsKey("vote")) {
      throw error(n, path, "give exactly one of text or vote");
    }
    if (m.containsKey("text")) {
      return b.text(string(m.get("text"), path + ".text"));
    }
    Node vn = m.get("vote");
    String p = path + ".vote";
    Map<String, Node> v = map(vn, p, VOTE);
    VoteSpec.Builder vb = VoteSpec.builder();
    try {
      if (v.containsKey("correct")) {
        vb.correct(string(v.get("correct"), p + ".correct"));
      }
      if (v.containsKey("options")) {
        List<String> opts = new ArrayList<>();
        for (Node o : list(v.get("options"), p + ".options")) {
          opts.add(string(o, p + ".options"));
        }
        vb.options(opts);
      }
      if (v.containsKey("accuracy")) {
        vb.accuracy(number(v.get("accuracy"), p + ".accuracy"));
      }
      if (v.containsKey("accuracyByModel")) {
        map(v.get("accuracyByModel"), p + ".accuracyByModel", null)
            .forEach((k, x) -> vb.accuracyForModel(k, number(x, p + ".accuracyByModel." + k)));
      }
      if (v.containsKey("accuracyByPersona")) {
        map(v.get("accuracyByPersona"), p + ".accuracyByPersona", null)
            .forEach((k, x) -> vb.accuracyForPersona(k, number(x, p + ".accuracyByPersona." + k)));
      }
      if (v.containsKey("format")) {
        String f = string(v.get("format"), p + ".format");
        if (!f.equals("json") && !f.equals("text")) {
          throw error(v.get("format"), p + ".format", "expected text or json, got '" + f + "'");
        }
        vb.json(f.equals("json"));
      }
      return b.vote(vb.build());
    } catch (IllegalArgumentException e) {
      throw rethrow(e, vn, p);
    }
  }
}
