package io.chorus.testing.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The positive control for every "nothing leaves the machine" test: each way a JVM can reach the
 * network is refused and named when it aims outside loopback, and let through to 127.0.0.1. The
 * targets are TEST-NET-1 (192.0.2.0/24, reserved for documentation, never routed) and the reserved
 * {@code .invalid} domain; the guard refuses before the SYN, datagram or DNS query, so nothing is
 * sent even if a route existed.
 */
class OutboundGuardTest {

  private static final String TEST_NET = "192.0.2.1";

  @Test
  void aRawSocketConnectOutsideLoopbackIsRefusedBeforeItIsSent() {
    try (OutboundGuard guard = OutboundGuard.start();
        Socket s = new Socket()) {
      assertThatThrownBy(() -> s.connect(new InetSocketAddress(TEST_NET, 9), 50))
          .isInstanceOf(ConnectException.class)
          .hasMessageContaining("OutboundGuard refused connect to 192.0.2.1:9");
      assertThat(guard.refused())
          .extracting(OutboundGuard.Attempt::target)
          .containsExactly("192.0.2.1:9");
      assertThatThrownBy(guard::assertNothingLeftTheMachine)
          .hasMessageContaining("connect 192.0.2.1:9 (refused)")
          .hasMessageContaining(getClass().getName());
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void everyOtherConnectPathIsSeenToo() throws Exception {
    try (OutboundGuard guard = OutboundGuard.start()) {
      try (SocketChannel ch = SocketChannel.open()) {
        assertThatThrownBy(() -> ch.connect(new InetSocketAddress(TEST_NET, 10)))
            .isInstanceOf(ConnectException.class);
      }
      HttpURLConnection url =
          (HttpURLConnection) URI.create("http://" + TEST_NET + ":11/").toURL().openConnection();
      url.setConnectTimeout(50);
      assertThatThrownBy(url::getResponseCode).isInstanceOf(ConnectException.class);
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
      assertThatThrownBy(
              () ->
                  client.send(
                      HttpRequest.newBuilder(URI.create("http://" + TEST_NET + ":12/")).build(),
                      HttpResponse.BodyHandlers.discarding()))
          .isInstanceOf(IOException.class);
      try (DatagramChannel ch = DatagramChannel.open()) {
        assertThatThrownBy(
                () -> ch.send(ByteBuffer.wrap(new byte[] {1}), new InetSocketAddress(TEST_NET, 13)))
            .isInstanceOf(ConnectException.class);
      }
      try (DatagramSocket ds = new DatagramSocket()) {
        assertThatThrownBy(
                () ->
                    ds.send(
                        new DatagramPacket(new byte[] {1}, 1, InetAddress.getByName(TEST_NET), 14)))
            .isInstanceOf(IOException.class);
      }
      assertThatThrownBy(() -> InetAddress.getByName("chorus-guard-probe.invalid"))
          .isInstanceOf(UnknownHostException.class)
          .hasMessageContaining("OutboundGuard refused dns-lookup");
      assertThat(guard.refused())
          .extracting(a -> a.kind() + " " + a.target())
          .contains(
              "connect 192.0.2.1:10",
              "connect 192.0.2.1:11",
              "connect 192.0.2.1:12",
              "connect 192.0.2.1:13",
              "connect 192.0.2.1:14",
              "dns-lookup chorus-guard-probe.invalid");
    }
  }

  @Test
  void loopbackIsLetThroughAndRecorded() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        OutboundGuard guard = OutboundGuard.start();
        Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", server.getLocalPort()), 1000);
      InetAddress.getByName("localhost");
      assertThat(guard.attempts())
          .extracting(OutboundGuard.Attempt::target)
          .contains("127.0.0.1:" + server.getLocalPort(), "localhost");
      guard.assertNothingLeftTheMachine();
    }
  }

  @Test
  void afterCloseNothingIsChecked() throws Exception {
    OutboundGuard.start().close();
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        Socket s = new Socket(InetAddress.getLoopbackAddress(), server.getLocalPort())) {
      assertThat(s.isConnected()).isTrue();
    }
  }
}
