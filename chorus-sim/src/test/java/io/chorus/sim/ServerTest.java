package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The HTTP layer itself: chunked request bodies, 100-continue, bad requests, shutdown. */
class ServerTest {
  @Test
  void acceptsChunkedRequestBodies() {
    try (Simulator sim =
        Simulator.builder()
            .rule(Rule.builder().userContains("chunked").text("ok chunked"))
            .start()) {
      byte[] body =
          Wire.openAiBody("instant", "send chunked", false)
              .toString()
              .getBytes(StandardCharsets.UTF_8);
      HttpRequest r =
          HttpRequest.newBuilder(URI.create(sim.baseUrl() + "/v1/chat/completions"))
              .header("content-type", "application/json")
              .POST(
                  HttpRequest.BodyPublishers.ofInputStream(
                      () -> new ByteArrayInputStream(body))) // no length: chunked
              .build();
      var resp = Wire.send(r);
      assertThat(Wire.json(resp).path("choices").path(0).path("message").path("content").asText())
          .isEqualTo("ok chunked");
    }
  }

  @Test
  void answersExpectContinueAndRejectGarbage() throws Exception {
    try (Simulator sim = Simulator.builder().start()) {
      byte[] body =
          Wire.openAiBody("instant", "x", false).toString().getBytes(StandardCharsets.UTF_8);
      try (Socket s = new Socket("127.0.0.1", sim.port())) {
        s.getOutputStream()
            .write(
                ("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\nexpect: 100-continue\r\nconnection: close\r\n"
                        + "content-length: "
                        + body.length
                        + "\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
        InputStream in = s.getInputStream();
        byte[] cont = in.readNBytes("HTTP/1.1 100 Continue\r\n\r\n".length());
        assertThat(new String(cont, StandardCharsets.ISO_8859_1))
            .isEqualTo("HTTP/1.1 100 Continue\r\n\r\n");
        s.getOutputStream().write(body);
        assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8))
            .startsWith("HTTP/1.1 200 OK");
      }
      try (Socket s = new Socket("127.0.0.1", sim.port())) {
        s.getOutputStream().write("NONSENSE\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
            .startsWith("HTTP/1.1 400");
      }
    }
  }

  @Test
  void closingTheSimulatorEndsOpenStreams() throws Exception {
    ModelBehaviour never = ModelBehaviour.builder().ttft(Distribution.fixed(600_000)).build();
    Simulator sim = Simulator.builder().model("never", never).start();
    byte[] body =
        Wire.anthropicBody("never", "x", 10, true).toString().getBytes(StandardCharsets.UTF_8);
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(20_000);
      s.getOutputStream()
          .write(
              ("POST /v1/messages HTTP/1.1\r\nhost: x\r\nx-api-key: k\r\ncontent-length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().write(body);
      byte[] buf = new byte[4096];
      String seen = "";
      while (!seen.contains("message_start")) {
        seen += new String(buf, 0, s.getInputStream().read(buf), StandardCharsets.UTF_8);
      }
      sim.close();
      long t0 = System.nanoTime();
      try {
        while (s.getInputStream().read(buf) >= 0) {
          // drain until the server's close arrives
        }
      } catch (java.net.SocketException e) {
        // a reset is an acceptable end too
      }
      assertThat((System.nanoTime() - t0) / 1e9)
          .isLessThan(15); // far below the 600 s first-token wait
    }
  }
}
