package io.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.sim.RateLimits;
import io.chorus.sim.Simulator;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two client processes (the official Node {@code openai} SDK, no retries), each with its own
 * virtual key, share one provider limit through the gateway: the engine paces both to the
 * provider's 120 requests/min, so the simulator, which enforces that limit on the gateway's
 * provider key, answers no 429 and every call succeeds. The share of the limit used is printed
 * (BENCHMARKS.md records it; a ratio of time is measured, not asserted, in a test).
 */
class SharedProviderLimitTest {

  static final String KEY_1 = "gw-client-one-111";
  static final String KEY_2 = "gw-client-two-222";
  static final int RPM = 120;

  @TempDir Path dir;

  @Test
  void twoProcessesWithTheirOwnKeysShareOneProviderLimitWithoutA429() throws Exception {
    OfficialClientsTest.install();
    // a full bucket (one minute of the limit, as the simulator starts) and a quarter minute of
    // refill
    int perClient = (RPM + RPM / 4) / 2;
    try (Simulator sim =
            Simulator.builder()
                .port(0)
                .keyLimits("sk-gateway-own", new RateLimits(RPM, 1_000_000_000L, 1_000_000_000L))
                .start();
        TestGateway t =
            TestGateway.start(
                dir,
                """
            providers:
              openai: {limits: {rpm: %d}}
            gateway:
              keys:
                one: {sha256: %s}
                two: {sha256: %s}
            """
                    .formatted(
                        RPM, OfficialClientsTest.sha256(KEY_1), OfficialClientsTest.sha256(KEY_2)),
                Map.of(
                    "OPENAI_API_KEY",
                    "sk-gateway-own",
                    "OPENAI_BASE_URL",
                    sim.baseUrl("openai") + "/v1"),
                b -> {})) {
      long t0 = System.nanoTime();
      CompletableFuture<String> one =
          CompletableFuture.supplyAsync(() -> client(t, KEY_1, perClient));
      CompletableFuture<String> two =
          CompletableFuture.supplyAsync(() -> client(t, KEY_2, perClient));
      String out = one.get() + two.get();
      double seconds = (System.nanoTime() - t0) / 1e9;
      assertThat(out).contains("client done ok=" + perClient + " failed=0 429=0");
      assertThat(out.split("client done ok=" + perClient + " failed=0", -1)).hasSize(3);
      var totals = sim.stats().totals();
      assertThat(totals.rateLimited()).isZero();
      assertThat(totals.requests()).isEqualTo(2L * perClient);
      String m = t.get("/metrics").body();
      assertThat(m).contains("key=\"one\"").contains("key=\"two\"");
      double admitted = RPM + RPM * Math.max(seconds, 15.0) / 60;
      System.out.printf(
          "shared limit: %d calls in %.1f s, %d x 429 at the simulator, %.1f%% of the limit%n",
          totals.requests(), seconds, totals.rateLimited(), 100.0 * totals.requests() / admitted);
    }
  }

  private static String client(TestGateway t, String key, int n) {
    try {
      return OfficialClientsTest.run(
          List.of("node", "shared-limit.mjs", t.gateway.baseUrl(), key, Integer.toString(n), "20"),
          OfficialClientsTest.WORK,
          300);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
