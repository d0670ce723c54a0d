package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Load in miniature (the full figures come from {@link CapacityCheck}). */
class LoadTest {
  @Test
  void holdsAThousandConcurrentStreamsAndFinishesThemAll() throws Exception {
    int n = 1000;
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch allWaiting = new CountDownLatch(n);
    // the sleeper parks every stream before its first token until all n are open at once
    io.chorus.core.Sleeper gate =
        d -> {
          allWaiting.countDown();
          release.await();
        };
    // a long first-token time makes every stream ask the sleeper; the gate ignores the duration
    ModelBehaviour slowStart =
        ModelBehaviour.builder().ttft(Distribution.fixed(60_000)).tokensPerSecond(0).build();
    try (Simulator sim = Simulator.builder().sleeper(gate).model("s", slowStart).start()) {
      byte[] body =
          Wire.anthropicBody("s", "hold", 30, true).toString().getBytes(StandardCharsets.UTF_8);
      byte[] request =
          ("POST /v1/messages HTTP/1.1\r\nhost: x\r\nx-api-key: k\r\nanthropic-version: 2023-06-01\r\n"
                  + "connection: close\r\ncontent-length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
      AtomicInteger completed = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        clients.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try (Socket s = new Socket("127.0.0.1", sim.port())) {
                        s.getOutputStream().write(request);
                        s.getOutputStream().write(body);
                        s.getOutputStream().flush();
                        String all =
                            new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                        if (all.contains("event: message_stop") && all.endsWith("0\r\n\r\n")) {
                          completed.incrementAndGet();
                        }
                      } catch (IOException e) {
                        // counted as not completed
                      }
                    }));
      }
      assertThat(allWaiting.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(sim.stats().openConnections()).isEqualTo(n);
      release.countDown();
      for (Thread t : clients) {
        t.join(60_000);
      }
      assertThat(completed.get()).isEqualTo(n);
      assertThat(sim.stats().peakConnections()).isEqualTo(n);
      assertThat(sim.stats().totals().requests()).isEqualTo(n);
    }
  }

  @Test
  void servesManyKeepAliveCallsPerConnection() throws Exception {
    try (Simulator sim = Simulator.builder().start()) {
      byte[] body =
          Wire.openAiBody("instant", "quick", false).toString().getBytes(StandardCharsets.UTF_8);
      byte[] request =
          ("POST /v1/chat/completions HTTP/1.1\r\nhost: x\r\ncontent-length: "
                  + body.length
                  + "\r\n\r\n"
                  + new String(body, StandardCharsets.UTF_8))
              .getBytes(StandardCharsets.UTF_8);
      AtomicInteger ok = new AtomicInteger();
      List<Thread> clients = new ArrayList<>();
      for (int c = 0; c < 8; c++) {
        clients.add(
            Thread.ofVirtual()
                .start(
                    () -> {
                      try (Socket s = new Socket("127.0.0.1", sim.port())) {
                        InputStream in = new java.io.BufferedInputStream(s.getInputStream());
                        for (int i = 0; i < 250; i++) {
                          s.getOutputStream().write(request);
                          if (CapacityCheck.readResponse(in) == 200) {
                            ok.incrementAndGet();
                          }
                        }
                      } catch (IOException e) {
                        // counted as not ok
                      }
                    }));
      }
      for (Thread t : clients) {
        t.join(60_000);
      }
      assertThat(ok.get()).isEqualTo(2000);
      // keep-alive: never more than one connection per client at a time (not exactly 8: under load
      // the clients need not all be connected at the same moment, which made this flaky)
      assertThat(sim.stats().peakConnections()).isBetween(1L, 8L);
    }
  }
}
