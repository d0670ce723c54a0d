package io.chorus.sim;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The models every simulator knows without configuration. Names of real models make {@code
 * anthropic:claude-sonnet-4-5} or {@code openai:gpt-4o-mini} work against the simulator; their
 * latencies are rough public medians, not measurements.
 *
 * <ul>
 *   <li>{@code fast}: 20 ms to first token, 1,000 tokens/s
 *   <li>{@code instant}: no latency at all (throughput benchmarks)
 *   <li>{@code slow}: lognormal first token (p50 800 ms, p99 3 s), 30 tokens/s
 *   <li>{@code flaky}: like fast, with 5% 429, 3% 500, 2% 529, 1% reset, 1% truncated stream, 1%
 *       mid-stream error
 *   <li>{@code claude-sonnet-4-5}, {@code claude-opus-4-1}, {@code claude-haiku-4-5}, {@code
 *       gpt-4o}, {@code gpt-4o-mini}, {@code grok-4} (with reasoning_content), {@code llama3.2}:
 *       lognormal first token, realistic speeds
 * </ul>
 *
 * Any other name behaves like {@code fast}.
 */
public final class BuiltInModels {
  private BuiltInModels() {}

  /** The behaviour of unknown model names. */
  public static final ModelBehaviour DEFAULT = ModelBehaviour.builder().build();

  /** The built-in models, by name, in a stable order. */
  public static Map<String, ModelBehaviour> all() {
    Map<String, ModelBehaviour> m = new LinkedHashMap<>();
    m.put("fast", DEFAULT);
    m.put("instant", ModelBehaviour.INSTANT);
    m.put("slow", real(800, 3000, 30));
    m.put(
        "flaky",
        ModelBehaviour.builder()
            .ttft(Distribution.fixed(50))
            .tokensPerSecond(400)
            .fault(FaultRule.rate(FaultKind.RATE_LIMIT, 0.05))
            .fault(FaultRule.rate(FaultKind.SERVER_ERROR, 0.03))
            .fault(FaultRule.rate(FaultKind.OVERLOADED, 0.02))
            .fault(FaultRule.rate(FaultKind.CONNECTION_RESET, 0.01))
            .fault(FaultRule.rate(FaultKind.TRUNCATED_STREAM, 0.01))
            .fault(FaultRule.rate(FaultKind.MID_STREAM_ERROR, 0.01))
            .build());
    m.put("claude-sonnet-4-5", real(600, 2500, 80));
    m.put("claude-opus-4-1", real(900, 3500, 40));
    m.put("claude-haiku-4-5", real(350, 1500, 150));
    m.put("gpt-4o", real(450, 2000, 90));
    m.put("gpt-4o-mini", real(350, 1500, 120));
    m.put("grok-4", real(900, 4000, 60).toBuilder().reasoning(true).build());
    m.put("llama3.2", real(150, 600, 60));
    return m;
  }

  private static ModelBehaviour real(double p50, double p99, double tps) {
    return ModelBehaviour.builder()
        .ttft(Distribution.lognormal(p50, p99))
        .tokensPerSecond(tps)
        .build();
  }
}
