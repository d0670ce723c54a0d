package io.chorus.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The scenarios of issue 10 at full size, and the smaller {@code --quick} variants. */
final class Scenarios {
  static final List<String> PEERS =
      List.of("jdk-httpclient", "langchain4j", "node-openai-sdk", "node-anthropic-sdk");
  static final String PROMPT =
      "Summarise the quarterly report in one short paragraph for the board.";
  private static final String BASE = "http://127.0.0.1:0"; // replaced when the simulator is up

  private Scenarios() {}

  /**
   * How many times each client runs a scenario (the median run is reported). P2 is short and, on a
   * machine whose cores the simulator shares, its calls/s move by 15% from run to run.
   */
  static int repeats(String id) {
    return id.startsWith("P2") ? 3 : 1;
  }

  static List<String> withChorus(String... extra) {
    List<String> l = new ArrayList<>(List.of("chorus"));
    l.addAll(List.of(extra));
    l.addAll(PEERS);
    return l;
  }

  /**
   * Chorus and the peers as they come, then each peer again with its ecosystem's usual rate limiter
   * set to the published limit (Guava's RateLimiter for the JDK client, Resilience4j's for
   * LangChain4j, bottleneck with a reservoir for the Node SDKs).
   */
  static List<String> withLimitedPeers() {
    List<String> l = withChorus();
    for (String p : PEERS) {
      l.add(p + PeerBench.LIMITED);
    }
    return l;
  }

  static List<Scenario> all(boolean quick) {
    List<Scenario> s = new ArrayList<>();
    // P1: N = 10,000 at C = 1,000, 500 ms fixed: ideal 5 s, cheap enough to run at full size always
    s.add(
        new Scenario(
            "P1",
            "makespan: N = 10,000 calls, concurrency 1,000, fixed latency 500 ms",
            "seed: 1\nmodels:\n  fixed500: {ttft: 500ms, tokensPerSecond: 0}\n",
            new ClientArgs(BASE, "fixed500", 10_000, 1, 1000, false, 32, PROMPT, 0, 0, 0, 300),
            withChorus(),
            "N = 10,000, C = 1,000 (as specified)",
            Duration.ofMinutes(6),
            500,
            0));
    int n2 = quick ? 10_000 : 50_000;
    Scenario p2 =
        new Scenario(
            "P2",
            "throughput: zero-latency simulator, concurrency 64, non-streaming",
            "seed: 1\n",
            new ClientArgs(BASE, "instant", n2, 1, 64, false, 32, PROMPT, 0, 0, 0, 600),
            withChorus(),
            quick
                ? "N = 10,000 (quick; full run 50,000); each client runs 3 times, the median run is shown"
                : "N = 50,000; each client runs 3 times, the median run is shown",
            Duration.ofMinutes(11),
            0,
            0);
    s.add(p2);
    // the path hosted providers' users get: TLS, with HTTP/1.1 only and with HTTP/2 offered
    s.add(p2.over(WirePath.TLS_H1, "-tls-h1"));
    s.add(p2.over(WirePath.TLS_H2, "-tls-h2"));
    for (int minutes : quick ? new int[] {1} : new int[] {1, 5}) {
      // N = burst (a full bucket of 1,200) + 1,200 per minute: ideally done in exactly `minutes`
      int n = 1200 + 1200 * minutes;
      s.add(
          new Scenario(
              minutes == 1 ? "P3" : "P3-5m",
              "rate limit: 1,200 requests/min and 200k tokens/min for "
                  + minutes
                  + " min, concurrency 100",
              "seed: 1\nkeys:\n  sk-bench: {rateLimits: {requestsPerMinute: 1200, inputTokensPerMinute: 200000, outputTokensPerMinute: 200000}}\n",
              new ClientArgs(
                  BASE,
                  "fast",
                  n,
                  1,
                  100,
                  false,
                  64,
                  PROMPT,
                  1200,
                  200_000,
                  0,
                  60 * minutes * 4 + 60),
              withLimitedPeers(),
              "N = " + n + " = a full bucket + " + minutes + " min of refill",
              Duration.ofMinutes(minutes * 4L + 3),
              0,
              1200));
    }
    // P4: ~2 s to first token then 4 tokens/s for <= 32 tokens: about 10 s per streaming call
    int n4 = 10_000;
    s.add(
        new Scenario(
            "P4",
            "scale: 10,000 concurrent streaming calls of ~10 s each",
            "seed: 1\nmodels:\n  stream10s: {ttft: 2s, tokensPerSecond: 4}\n",
            new ClientArgs(BASE, "stream10s", n4, 1, n4, true, 32, PROMPT, 0, 0, 0, 300),
            withChorus("chorus@512m"),
            "N = C = 10,000 (as specified)",
            Duration.ofMinutes(6),
            0,
            0));
    int w5 = quick ? 300 : 2000;
    s.add(
        new Scenario(
            "P5",
            "tail: lognormal latency p50 200 ms, p99 2 s; workflows of 5 parallel calls, 20 workflows at once",
            "seed: 1\nmodels:\n  tail: {ttft: {lognormal: {p50: 200ms, p99: 2s}}, tokensPerSecond: 0}\n",
            new ClientArgs(BASE, "tail", w5, 5, 20, false, 32, PROMPT, 0, 0, 0, 600),
            withChorus("chorus+hedge"),
            quick
                ? "300 workflows = 1,500 calls (quick; full run 2,000 workflows)"
                : "2,000 workflows = 10,000 calls",
            Duration.ofMinutes(11),
            0,
            0));
    return s;
  }
}
