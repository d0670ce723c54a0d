package io.chorus.sim.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.sim.Simulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 21: "{@code Host} is not checked (an unauthenticated {@code POST /_sim/reset} from a
 * DNS-rebinding page works)". The control endpoints answer only loopback Host values.
 */
class ControlEndpointsAnswerAnyHostTest {
  final Simulator sim = Simulator.builder().start();

  @AfterEach
  void stop() {
    sim.close();
  }

  private String reset(String hostHeader) throws Exception {
    return HostileClient.exchange(
        sim.port(),
        "POST /_sim/reset HTTP/1.1\r\n"
            + hostHeader
            + "content-length: 0\r\nconnection: close\r\n\r\n");
  }

  @Test
  void aRebindingPagesHostIsForbidden() throws Exception {
    assertThat(reset("host: attacker.example:" + sim.port() + "\r\n"))
        .startsWith("HTTP/1.1 403 ")
        .contains("attacker.example");
    assertThat(reset("host: 127.0.0.1.attacker.example\r\n")).startsWith("HTTP/1.1 403 ");
    assertThat(reset("")).startsWith("HTTP/1.1 403 ");
    assertThat(
            HostileClient.exchange(
                sim.port(),
                "GET /_sim/stats HTTP/1.1\r\nhost: evil.example\r\nconnection: close\r\n\r\n"))
        .startsWith("HTTP/1.1 403 ");
  }

  @Test
  void loopbackHostsAreServed() throws Exception {
    assertThat(reset("host: 127.0.0.1:" + sim.port() + "\r\n")).startsWith("HTTP/1.1 200 ");
    assertThat(reset("host: localhost:" + sim.port() + "\r\n")).startsWith("HTTP/1.1 200 ");
    assertThat(reset("host: [::1]:" + sim.port() + "\r\n")).startsWith("HTTP/1.1 200 ");
    assertThat(reset("host: 127.0.0.1\r\n")).startsWith("HTTP/1.1 200 ");
  }
}
