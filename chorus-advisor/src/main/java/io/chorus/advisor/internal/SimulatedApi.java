package io.chorus.advisor.internal;

import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.RateLimits;
import io.chorus.sim.Simulator;
import java.net.URI;
import java.time.Duration;

/**
 * Starts the in-process Chorus simulator with one model, {@code bench}, whose every answer takes a
 * fixed latency (no streaming delay, no faults, generous limits), and builds the HTTP kernel that
 * calls it with Anthropic Messages requests: the I/O the advisor's users actually do.
 */
public final class SimulatedApi {
  static final String MODEL = "bench";
  static final String BODY =
      "{\"model\":\""
          + MODEL
          + "\",\"max_tokens\":16,\"messages\":[{\"role\":\"user\",\"content\":\"benchmark task\"}]}";

  private SimulatedApi() {}

  /**
   * A kernel calling a fresh simulator that answers after {@code latency}; closing it stops the
   * simulator.
   */
  public static HttpKernel kernel(Duration latency, long n, int tasks) {
    Simulator sim =
        Simulator.builder()
            .seed(1)
            .model(
                MODEL,
                ModelBehaviour.builder()
                    .ttft(latency)
                    .tokensPerSecond(0)
                    .rateLimits(RateLimits.GENEROUS)
                    .build())
            .start();
    URI target = URI.create(sim.baseUrl() + "/v1/messages");
    return new HttpKernel(target, BODY, "chorus simulator", latency.toMillis(), n, tasks, sim);
  }
}
