package io.chorus.bench;

import io.chorus.core.Attempt;
import io.chorus.core.Call;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.providers.HttpTransport;
import io.chorus.providers.OpenAiCompatibleProvider;
import io.chorus.providers.Secret;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where P1's time goes: runs P1's workload (N calls at concurrency C to a model with a fixed
 * latency) against a running simulator, then prints, per 250 ms of attempt start time, how many
 * attempts started and how long they took. A slow first wave (start-up) shows as attempts spread
 * over the first few hundred milliseconds; a steady state as waves of exactly the latency.
 *
 * <p>Usage: start the simulator with P1's model ({@code models: {fixed500: {ttft: 500ms,
 * tokensPerSecond: 0}}}), then {@code MakespanWaves BASE_URL [N] [C] [MODEL] [ROUNDS]
 * [LATENCY_MS]}; with ROUNDS above 1 the same fan-out runs again in the same process, so later
 * rounds show a warm client.
 */
public final class MakespanWaves {
  private MakespanWaves() {}

  public static void main(String[] args) {
    String base = args[0];
    int n = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int c = args.length > 2 ? Integer.parseInt(args[2]) : 1_000;
    String model = args.length > 3 ? args[3] : "fixed500";
    int rounds = args.length > 4 ? Integer.parseInt(args[4]) : 1;
    double latencySeconds =
        (args.length > 5 ? Double.parseDouble(args[5]) : 500)
            / 1000; // the model's latency, for the ideal
    HttpTransport transport = HttpTransport.builder().maxIdleConnections(c).build();
    OpenAiCompatibleProvider provider =
        OpenAiCompatibleProvider.builder()
            .name("sim")
            .baseUrl(base + "/v1")
            .apiKey(Secret.of("sk-bench"))
            .transport(transport)
            .maxCompletionTokensField(false)
            .synthetic(true)
            .build();
    try (Engine engine =
        Engine.builder().provider(provider).limits("sim", Limits.concurrency(c)).build()) {
      List<ChatRequest> requests = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        requests.add(
            ChatRequest.builder(new ModelId("sim", model))
                .user("Summarise (item " + i + ")")
                .maxTokens(32)
                .build());
      }
      for (int round = 1; round <= rounds; round++) {
        RunResult<ChatResponse> r = engine.callAll(Call.all(requests), RunOptions.DEFAULT);
        Instant start = r.startedAt();
        Map<Long, long[]> buckets = new TreeMap<>();
        for (Outcome<ChatResponse> o : r.outcomes()) {
          if (o.timeline().attempts().isEmpty()) {
            continue;
          }
          Attempt a = o.timeline().attempts().get(0);
          long at = Duration.between(start, a.startedAt()).toMillis();
          long took = Duration.between(a.startedAt(), a.endedAt()).toMillis();
          long[] b = buckets.computeIfAbsent(at / 250 * 250, k -> new long[3]);
          b[0]++;
          b[1] += took;
          b[2] = Math.max(b[2], took);
        }
        System.out.printf(
            "round %d: %d calls in %.2f s (ideal %.2f s), %d succeeded%n",
            round,
            n,
            r.elapsed().toMillis() / 1000.0,
            Math.ceil((double) n / c) * latencySeconds,
            r.successes().size());
        buckets.forEach(
            (k, b) ->
                System.out.printf(
                    "  attempts starting at %5d ms: %5d, mean %4d ms, max %4d ms%n",
                    k, b[0], b[1] / b[0], b[2]));
      }
    }
  }
}
