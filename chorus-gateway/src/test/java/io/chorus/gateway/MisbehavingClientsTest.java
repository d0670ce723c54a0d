package io.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that leave mid-stream or do not read: the upstream call is cancelled (the simulator sees
 * its connection close), nothing is left running, and the gateway keeps serving.
 */
class MisbehavingClientsTest {

  @TempDir Path dir;

  private static Socket streamRequest(TestGateway t, int receiveBuffer, String body)
      throws Exception {
    return streamRequest(t, "/v1/chat/completions", receiveBuffer, body);
  }

  private static Socket streamRequest(TestGateway t, String path, int receiveBuffer, String body)
      throws Exception {
    Socket s = new Socket();
    if (receiveBuffer > 0) {
      s.setReceiveBufferSize(receiveBuffer);
    }
    s.connect(new InetSocketAddress("127.0.0.1", t.gateway.port()));
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    OutputStream out = s.getOutputStream();
    out.write(
        ("POST "
                + path
                + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: "
                + b.length
                + "\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII));
    out.write(b);
    out.flush();
    return s;
  }

  /**
   * Waits for a condition the gateway reaches by itself (bounded, so a regression fails instead of
   * hanging).
   */
  private static void eventually(BooleanSupplier condition, String what)
      throws InterruptedException {
    long deadline = System.nanoTime() + 60_000_000_000L;
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as(what).isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  @Test
  void aClientLeavingMidStreamCancelsTheUpstreamCall() throws Exception {
    leaveMidStream(
        "/v1/chat/completions",
        """
        {"model": "gpt-4o-mini", "stream": true, "max_tokens": 2000, "messages": [{"role": "user", "content": "Write a long story"}]}""",
        "data: ");
  }

  @Test
  void anAnthropicClientLeavingMidStreamCancelsTheUpstreamCallToo() throws Exception {
    leaveMidStream(
        "/v1/messages",
        """
        {"model": "claude-sonnet-4-5", "stream": true, "max_tokens": 2000, "messages": [{"role": "user", "content": "Write a long story"}]}""",
        "event: ");
  }

  /** A client reads the start of a stream on {@code path}, then closes its socket. */
  private void leaveMidStream(String path, String body, String frame) throws Exception {
    Path slow = dir.resolve("slow.sim.yaml");
    Files.writeString(slow, "defaultModel: {ttft: 50ms, tokensPerSecond: 40}\n");
    try (TestGateway t = TestGateway.start(dir, "", Map.of(), slow, b -> {})) {
      var sim = t.session.simulator();
      Socket s = streamRequest(t, path, 0, body);
      InputStream in = s.getInputStream();
      String head = new String(in.readNBytes(400), StandardCharsets.UTF_8);
      assertThat(head).startsWith("HTTP/1.1 200").contains(frame);
      assertThat(t.gateway.inFlight()).isEqualTo(1);
      s.close();
      eventually(
          () -> sim.stats().totals().clientAborts() == 1,
          "the simulator sees the gateway close the upstream stream");
      eventually(() -> t.gateway.inFlight() == 0, "the request's handler ends");
      assertThat(
              t.post(
                      "/v1/chat/completions",
                      """
          {"model": "sim:fast", "messages": [{"role": "user", "content": "hi"}]}""")
                  .statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void aClientThatDoesNotReadHoldsOnlyItsOwnStreamAndLeavesNothingBehind() throws Exception {
    // a fast upstream and a long answer: only the socket buffers stand between them and the client
    Path fast = dir.resolve("fast.sim.yaml");
    Files.writeString(fast, "defaultModel: {ttft: 0ms, tokensPerSecond: 0}\n");
    try (TestGateway t = TestGateway.start(dir, "", Map.of(), fast, b -> {})) {
      var sim = t.session.simulator();
      Socket s =
          streamRequest(
              t,
              1024,
              """
          {"model": "gpt-4o-mini", "stream": true, "max_tokens": 60000, "messages": [{"role": "user", "content": "Write a very long story"}]}""");
      eventually(() -> t.gateway.inFlight() == 1, "the slow client's stream is under way");
      // other clients are served meanwhile
      for (int i = 0; i < 3; i++) {
        assertThat(
                t.post(
                        "/v1/chat/completions",
                        """
            {"model": "sim:fast", "messages": [{"role": "user", "content": "hi"}]}""")
                    .statusCode())
            .isEqualTo(200);
      }
      // a handler counts itself out just after its answer is sent, so the last one may lag
      eventually(() -> t.gateway.inFlight() == 1, "only the slow client's stream is left");
      s.close();
      eventually(
          () -> t.gateway.inFlight() == 0, "the stream's handler ends once the client has gone");
      eventually(
          () -> sim.stats().totals().clientAborts() >= 1,
          "the upstream stream is cancelled, not read to its end");
    }
  }
}
