package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.TokenEstimate;
import java.net.URI;
import java.net.http.HttpRequest;
import org.junit.jupiter.api.Test;

class StatsTest {
  @Test
  void countsRequestsFaultsAndTokensPerKeyAndModel() {
    try (Simulator sim =
        Simulator.builder()
            .fault(FaultRule.on(FaultKind.OVERLOADED, 2).forModel("instant"))
            .rule(Rule.builder().userContains("ping").text("pong pong"))
            .start()) {
      Wire.anthropic(sim, "key-a", Wire.anthropicBody("instant", "ping", 10, false));
      Wire.anthropic(sim, "key-a", Wire.anthropicBody("instant", "ping", 10, false)); // fault
      Wire.openai(sim, "key-b", Wire.openAiBody("fast", "ping", false));
      SimStats s = sim.stats();
      assertThat(s.totals().requests()).isEqualTo(3);
      assertThat(s.totals().faults(FaultKind.OVERLOADED)).isEqualTo(1);
      assertThat(s.totals().outputTokens()).isEqualTo(2 * TokenEstimate.of("pong pong"));
      assertThat(s.totals().inputTokens()).isEqualTo(2 * TokenEstimate.of("ping"));
      assertThat(s.forKey("key-a").requests()).isEqualTo(2);
      assertThat(s.forKey("key-b").requests()).isEqualTo(1);
      assertThat(s.forModel("instant").faultCount()).isEqualTo(1);
      assertThat(s.forModel("fast").requests()).isEqualTo(1);
      assertThat(s.peakConnections()).isGreaterThanOrEqualTo(1);
      assertThat(s.byKey().keySet())
          .allMatch(k -> k.startsWith("key-") && !k.equals("key-a") && !k.equals("key-b"));
      assertThat(s.toString()).doesNotContain("key-a\"").doesNotContain("=key-a");
    }
  }

  @Test
  void statsEndpointServesJsonAndResetZeroesIt() {
    try (Simulator sim = Simulator.builder().start()) {
      Wire.openai(sim, "secret-key-123", Wire.openAiBody("instant", "hello", false));
      var r = Wire.get(sim, "/_sim/stats");
      assertThat(r.body()).doesNotContain("secret-key-123");
      JsonNode j = Wire.json(r);
      assertThat(j.path("totals").path("requests").asLong()).isEqualTo(1);
      assertThat(j.path("byModel").path("instant").path("requests").asLong()).isEqualTo(1);
      assertThat(
              j.path("byKey").path(SimStats.keyLabel("secret-key-123")).path("requests").asLong())
          .isEqualTo(1);
      assertThat(j.has("peakConnections") && j.has("openConnections")).isTrue();
      var reset =
          Wire.send(
              HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/_sim/reset"))
                  .POST(HttpRequest.BodyPublishers.noBody())
                  .build());
      assertThat(reset.statusCode()).isEqualTo(200);
      assertThat(sim.stats().totals().requests()).isZero();
    }
  }

  @Test
  void openAndPeakConnectionsAreTracked() throws Exception {
    try (Simulator sim = Simulator.builder().start()) {
      java.util.List<java.net.Socket> sockets = new java.util.ArrayList<>();
      for (int i = 0; i < 20; i++) {
        sockets.add(new java.net.Socket("127.0.0.1", sim.port()));
      }
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (sim.stats().openConnections() < 20 && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(
            5_000_000); // polled: the accept loop registers connections asynchronously
      }
      assertThat(sim.stats().openConnections()).isEqualTo(20);
      for (java.net.Socket s : sockets) {
        s.close();
      }
      while (sim.stats().openConnections() > 0 && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(5_000_000);
      }
      assertThat(sim.stats().openConnections()).isZero();
      assertThat(sim.stats().peakConnections()).isEqualTo(20);
    }
  }

  @Test
  void aStreamClosedByTheClientIsCountedAsAnAbort() throws Exception {
    ModelBehaviour slow =
        ModelBehaviour.builder().ttft(Distribution.fixed(0)).tokensPerSecond(50).build();
    try (Simulator sim = Simulator.builder().model("slow-stream", slow).start()) {
      byte[] body =
          Wire.anthropicBody("slow-stream", "go", 2000, true)
              .toString()
              .getBytes(java.nio.charset.StandardCharsets.UTF_8);
      try (java.net.Socket s = new java.net.Socket("127.0.0.1", sim.port())) {
        s.getOutputStream()
            .write(
                ("POST /v1/messages HTTP/1.1\r\nhost: x\r\nx-api-key: k\r\ncontent-length: "
                        + body.length
                        + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
        s.getOutputStream().write(body);
        byte[] buf = new byte[4096];
        String seen = "";
        while (!seen.contains("content_block_delta")) {
          int n = s.getInputStream().read(buf);
          assertThat(n).isPositive();
          seen += new String(buf, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        }
        s.setSoLinger(true, 0); // reset, so the server's next write fails at once
      }
      long deadline = System.nanoTime() + 20_000_000_000L;
      while (sim.stats().totals().clientAborts() == 0 && System.nanoTime() < deadline) {
        java.util.concurrent.locks.LockSupport.parkNanos(
            5_000_000); // polled: the server notices at its next token (20 ms apart)
      }
      assertThat(sim.stats().totals().clientAborts()).isEqualTo(1);
      assertThat(sim.stats().forModel("slow-stream").clientAborts()).isEqualTo(1);
    }
  }
}
