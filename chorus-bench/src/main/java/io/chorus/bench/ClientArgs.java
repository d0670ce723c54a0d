package io.chorus.bench;

import java.util.HashMap;
import java.util.Map;

/**
 * What one benchmark client is asked to do; every client (Java or Node) takes the same {@code --key
 * value} arguments, so a scenario is the same workload whoever runs it.
 *
 * <p>The workload is {@code workflows} workflows of {@code fanout} calls each; at most {@code
 * parallel} workflows run at once, and a workflow's calls run concurrently. With {@code fanout = 1}
 * this is simply N calls at concurrency C.
 *
 * @param base the simulator's root URL ({@code http://127.0.0.1:PORT})
 * @param model the simulator model name (latency profile)
 * @param workflows how many workflows to run
 * @param fanout calls per workflow
 * @param parallel workflows in flight at once
 * @param stream whether calls use the streaming API
 * @param maxTokens max output tokens per call
 * @param prompt the user message (a call index is appended so that every prompt differs)
 * @param rpm the request limit the client is told about (0 = none; only Chorus uses it)
 * @param tpm the token limit the client is told about (0 = none; only Chorus uses it)
 * @param hedgeQuantile hedge at this latency quantile (0 = no hedging; only Chorus supports it)
 * @param maxSeconds the client gives up (reports what it has) after this long
 */
public record ClientArgs(
    String base,
    String model,
    int workflows,
    int fanout,
    int parallel,
    boolean stream,
    int maxTokens,
    String prompt,
    double rpm,
    double tpm,
    double hedgeQuantile,
    int maxSeconds) {

  public ClientArgs {
    if (workflows < 1 || fanout < 1 || parallel < 1 || maxTokens < 1 || maxSeconds < 1) {
      throw new IllegalArgumentException(
          "workflows, fanout, parallel, max-tokens and max-seconds must be >= 1");
    }
  }

  /** Total calls: workflows x fanout. */
  public int calls() {
    return workflows * fanout;
  }

  /** The prompt of call {@code i}. */
  public String promptFor(int i) {
    return prompt + " (item " + i + ")";
  }

  /** Parses {@code --key value} pairs; unknown keys are an error naming the key. */
  public static ClientArgs parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length) {
        throw new IllegalArgumentException("expected --key value, got '" + args[i] + "'");
      }
      m.put(args[i].substring(2), args[++i]);
    }
    ClientArgs a =
        new ClientArgs(
            req(m, "base"),
            m.getOrDefault("model", "instant"),
            Integer.parseInt(m.getOrDefault("workflows", "1")),
            Integer.parseInt(m.getOrDefault("fanout", "1")),
            Integer.parseInt(m.getOrDefault("parallel", "1")),
            Boolean.parseBoolean(m.getOrDefault("stream", "false")),
            Integer.parseInt(m.getOrDefault("max-tokens", "32")),
            m.getOrDefault("prompt", "Summarise the benchmark in one line."),
            Double.parseDouble(m.getOrDefault("rpm", "0")),
            Double.parseDouble(m.getOrDefault("tpm", "0")),
            Double.parseDouble(m.getOrDefault("hedge-quantile", "0")),
            Integer.parseInt(m.getOrDefault("max-seconds", "600")));
    m.keySet()
        .removeAll(
            java.util.Set.of(
                "base",
                "model",
                "workflows",
                "fanout",
                "parallel",
                "stream",
                "max-tokens",
                "prompt",
                "rpm",
                "tpm",
                "hedge-quantile",
                "max-seconds"));
    if (!m.isEmpty()) {
      throw new IllegalArgumentException("unknown client option(s): " + m.keySet());
    }
    return a;
  }

  private static String req(Map<String, String> m, String key) {
    String v = m.get(key);
    if (v == null) {
      throw new IllegalArgumentException("missing --" + key);
    }
    return v;
  }

  /** The same workload as command-line arguments (what {@link #parse} reads back). */
  public java.util.List<String> toArgs() {
    return java.util.List.of(
        "--base",
        base,
        "--model",
        model,
        "--workflows",
        Integer.toString(workflows),
        "--fanout",
        Integer.toString(fanout),
        "--parallel",
        Integer.toString(parallel),
        "--stream",
        Boolean.toString(stream),
        "--max-tokens",
        Integer.toString(maxTokens),
        "--prompt",
        prompt,
        "--rpm",
        Double.toString(rpm),
        "--tpm",
        Double.toString(tpm),
        "--hedge-quantile",
        Double.toString(hedgeQuantile),
        "--max-seconds",
        Integer.toString(maxSeconds));
  }
}
