package io.chorus.sim.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.sim.Simulator;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: "no header or idle timeout (300 slow sockets held for 20 s)". A request must arrive
 * whole within the request timeout (a byte now and then does not stretch it), and an idle
 * connection is closed after the idle timeout.
 */
class SlowClientsHoldConnectionsTest {
  final Simulator sim =
      Simulator.builder().clientTimeouts(Duration.ofMillis(400), Duration.ofMillis(400)).start();

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void aClientTricklingItsHeadersGets408AndIsDisconnected() throws Exception {
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      out.write("POST /v1/messages HTTP/1.1\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      String reply = null;
      // one header byte every 100 ms: each read is quick, the request as a whole is not
      for (int i = 0; i < 100 && reply == null; i++) {
        try {
          out.write('x');
          out.flush();
        } catch (java.io.IOException closed) {
          reply = HostileClient.readAll(s.getInputStream());
          break;
        }
        Thread.sleep(100);
        if (s.getInputStream().available() > 0) {
          reply = HostileClient.readAll(s.getInputStream());
        }
      }
      assertThat(reply).startsWith("HTTP/1.1 408 ");
    }
  }

  @Test
  void anIdleConnectionIsClosed() throws Exception {
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(10_000);
      assertThat(s.getInputStream().read())
          .isEqualTo(-1); // closed by the server, not by our 10 s timeout
    }
  }
}
