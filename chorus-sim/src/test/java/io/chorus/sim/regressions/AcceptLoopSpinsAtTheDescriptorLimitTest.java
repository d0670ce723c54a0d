package io.chorus.sim.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.sim.internal.SimServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: "the accept loop spins at the file-descriptor limit (8 s of CPU in 10 s)". After a
 * failed accept the loop now waits, doubling from 5 ms to at most 500 ms, and starts over after a
 * successful one.
 */
class AcceptLoopSpinsAtTheDescriptorLimitTest {

  @Test
  void failedAcceptsBackOffAndASuccessResetsTheBackoff() throws Exception {
    AtomicInteger failuresLeft = new AtomicInteger(10);
    ServerSocket emfile =
        new ServerSocket() {
          @Override
          public Socket accept() throws IOException {
            if (failuresLeft.getAndDecrement() > 0) {
              throw new IOException("Too many open files");
            }
            return super.accept();
          }
        };
    emfile.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    List<Long> pauses = new CopyOnWriteArrayList<>();
    CountDownLatch served = new CountDownLatch(1);
    try (SimServer server =
        new SimServer(
            emfile,
            ex -> {
              ex.respond(200, List.of(), "text/plain", "ok".getBytes());
              served.countDown();
            },
            new SimServer.Connections() {
              @Override
              public void opened() {}

              @Override
              public void closed() {}
            },
            SimServer.ClientTimeouts.DEFAULT,
            pauses::add)) {
      try (Socket s = new Socket("127.0.0.1", server.port())) {
        s.getOutputStream()
            .write("GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n".getBytes());
        assertThat(served.await(10, TimeUnit.SECONDS)).isTrue();
      }
    }
    assertThat(pauses).containsExactly(5L, 10L, 20L, 40L, 80L, 160L, 320L, 500L, 500L, 500L);
  }
}
