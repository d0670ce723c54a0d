package io.chorus.sim.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: "a request with both Content-Length and Transfer-Encoding is treated as chunked and a
 * smuggled request behind it is answered, conflicting Content-Length headers are accepted, {@code
 * Transfer-Encoding: xchunked} hangs". Each is now a 400 and the connection closes, so nothing
 * behind it is read.
 */
class AmbiguousRequestFramingIsServedTest {
  final Simulator sim = Simulator.builder().start();

  @AfterEach
  void stop() {
    sim.close();
  }

  static final String SMUGGLED = "GET /_sim/stats HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n";

  @Test
  void contentLengthAndTransferEncodingTogetherAreRefused() throws Exception {
    String body = "0\r\n\r\n" + SMUGGLED;
    String got =
        HostileClient.exchange(
            sim.port(),
            "POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: "
                + body.length()
                + "\r\ntransfer-encoding: chunked\r\n\r\n"
                + body);
    assertThat(got).startsWith("HTTP/1.1 400 ").contains("ambiguous framing");
    assertThat(HostileClient.responses(got)).isEqualTo(1); // the smuggled request was not answered
  }

  @Test
  void conflictingContentLengthsAreRefused() throws Exception {
    String got =
        HostileClient.exchange(
            sim.port(),
            "POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 2\r\ncontent-length: 40\r\n\r\n{}"
                + SMUGGLED);
    assertThat(got).startsWith("HTTP/1.1 400 ").contains("conflicting content-length");
    assertThat(HostileClient.responses(got)).isEqualTo(1);
  }

  @Test
  void aListOfContentLengthsIsRefused() throws Exception {
    String got =
        HostileClient.exchange(
            sim.port(),
            "POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-length: 2, 2\r\n\r\n{}");
    assertThat(got).startsWith("HTTP/1.1 400 ");
  }

  @Test
  void anUnknownTransferEncodingIsRefusedNotWaitedFor() throws Exception {
    String got =
        HostileClient.exchange(
            sim.port(),
            "POST /v1/messages HTTP/1.1\r\nhost: 127.0.0.1\r\ntransfer-encoding: xchunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n");
    assertThat(got)
        .startsWith("HTTP/1.1 400 ")
        .contains("unsupported transfer-encoding 'xchunked'")
        .doesNotContain("<silence>");
  }
}
