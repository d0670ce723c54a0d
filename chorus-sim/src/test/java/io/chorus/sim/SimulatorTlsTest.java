package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator over TLS ({@code Simulator.Builder.tls()}, {@code chorus sim --tls}): a client that
 * trusts the authority it prints gets the same answers as over plain HTTP, with the server's name
 * verified; one that does not is refused in the handshake; faults still act on the TCP socket.
 */
class SimulatorTlsTest {

  /**
   * A JDK client that trusts only {@code caPem}, offering HTTP/2 (it falls back to what ALPN
   * picks).
   */
  static HttpClient trusting(String caPem) throws Exception {
    KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
    store.load(null, null);
    int n = 0;
    for (Certificate c :
        CertificateFactory.getInstance("X.509")
            .generateCertificates(
                new ByteArrayInputStream(caPem.getBytes(StandardCharsets.US_ASCII)))) {
      store.setCertificateEntry("ca" + n++, c);
    }
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(store);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(tls)
        .version(HttpClient.Version.HTTP_2)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  static HttpRequest messages(String base, boolean stream) {
    return HttpRequest.newBuilder(URI.create(base + "/v1/messages"))
        .header("x-api-key", "k")
        .header("anthropic-version", "2023-06-01")
        .header("content-type", "application/json")
        .POST(
            HttpRequest.BodyPublishers.ofString(
                Wire.anthropicBody("fast", "hello", 40, stream).toString()))
        .timeout(Duration.ofSeconds(20))
        .build();
  }

  @Test
  void aClientTrustingItsAuthorityGetsTheSameAnswersOverHttp11() throws Exception {
    String plainAnswer;
    try (Simulator plain = Simulator.builder().seed(3).start()) {
      plainAnswer =
          Wire.json(Wire.send(messages(plain.baseUrl(), false)))
              .path("content")
              .path(0)
              .path("text")
              .asText();
    }
    try (Simulator sim = Simulator.builder().seed(3).tls().start()) {
      assertThat(sim.tls()).isTrue();
      assertThat(sim.baseUrl()).matches("https://127\\.0\\.0\\.1:\\d+");
      assertThat(sim.baseUrl("anthropic")).startsWith("https://127.0.0.1:");
      HttpClient client = trusting(sim.caCertificatePem());

      HttpResponse<String> r =
          client.send(messages(sim.baseUrl(), false), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.version())
          .as("ALPN offers http/1.1 only")
          .isEqualTo(HttpClient.Version.HTTP_1_1);
      assertThat(Wire.json(r).path("content").path(0).path("text").asText()).isEqualTo(plainAnswer);

      HttpResponse<String> s =
          client.send(messages(sim.baseUrl(), true), HttpResponse.BodyHandlers.ofString());
      List<Wire.Event> events = Wire.events(s.body());
      assertThat(events.get(0).name()).isEqualTo("message_start");
      assertThat(events.get(events.size() - 1).name()).isEqualTo("message_stop");

      // the certificate names localhost too, and the name is verified as for a hosted provider
      String viaLocalhost = "https://localhost:" + sim.port();
      assertThat(
              client
                  .send(messages(viaLocalhost, false), HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      assertThat(sim.stats().totals().requests()).isEqualTo(3);
    }
  }

  @Test
  void theAuthorityIsACaAndTheServerCertificateNamesLoopback() throws Exception {
    try (Simulator a = Simulator.builder().tls().start();
        Simulator b = Simulator.builder().tls().start()) {
      X509Certificate ca =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(
                      new ByteArrayInputStream(
                          a.caCertificatePem().getBytes(StandardCharsets.US_ASCII)));
      assertThat(ca.getBasicConstraints()).as("a CA certificate").isGreaterThanOrEqualTo(0);
      assertThat(a.caCertificatePem())
          .startsWith("-----BEGIN CERTIFICATE-----")
          .isNotEqualTo(b.caCertificatePem());
      // one authority does not vouch for the other run's server
      assertThatThrownBy(
              () ->
                  trusting(a.caCertificatePem())
                      .send(messages(b.baseUrl(), false), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
    }
  }

  @Test
  void aClientThatDoesNotTrustItIsRefusedAndTheServerGoesOn() throws Exception {
    try (Simulator sim = Simulator.builder().tls().start()) {
      HttpClient untrusting = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
      assertThatThrownBy(
              () ->
                  untrusting.send(
                      messages(sim.baseUrl(), false), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(SSLHandshakeException.class);
      // plain HTTP to the TLS port is no request either
      assertThatThrownBy(
              () ->
                  Wire.CLIENT.send(
                      messages("http://127.0.0.1:" + sim.port(), false),
                      HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      assertThat(
              trusting(sim.caCertificatePem())
                  .send(messages(sim.baseUrl(), false), HttpResponse.BodyHandlers.ofString())
                  .statusCode())
          .isEqualTo(200);
      assertThat(sim.stats().totals().requests()).isEqualTo(1);
    }
  }

  @Test
  void aPlainSimulatorHasNoAuthority() {
    try (Simulator sim = Simulator.builder().start()) {
      assertThat(sim.tls()).isFalse();
      assertThatThrownBy(sim::caCertificatePem)
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("plain HTTP");
    }
  }

  @Test
  void faultsActOnTheConnectionUnderTheTls() throws Exception {
    try (Simulator sim =
        Simulator.builder().tls().fault(FaultRule.always(FaultKind.CONNECTION_RESET)).start()) {
      HttpClient client = trusting(sim.caCertificatePem());
      assertThatThrownBy(
              () ->
                  client.send(messages(sim.baseUrl(), false), HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
      assertThat(sim.stats().totals().faults(FaultKind.CONNECTION_RESET)).isEqualTo(1);
    }
    try (Simulator sim =
        Simulator.builder().tls().fault(FaultRule.always(FaultKind.RATE_LIMIT)).start()) {
      HttpResponse<String> r =
          trusting(sim.caCertificatePem())
              .send(messages(sim.baseUrl(), false), HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(429);
      assertThat(r.headers().firstValue("retry-after")).isPresent();
    }
  }

  @Test
  void simMainWithTlsPrintsTheUrlAndTheAuthorityFile(@TempDir Path dir) throws Exception {
    Path ca = dir.resolve("sim-ca.pem");
    PipedInputStream pipe = new PipedInputStream();
    PrintStream out = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
    AtomicInteger code = new AtomicInteger(-1);
    Thread t =
        Thread.ofPlatform()
            .start(
                () ->
                    code.set(
                        SimMain.run(
                            new String[] {"--port", "0", "--tls", "--ca-out", ca.toString()},
                            out,
                            System.err)));
    var in =
        new java.io.BufferedReader(new java.io.InputStreamReader(pipe, StandardCharsets.UTF_8));
    String listening = in.readLine();
    String caLine = in.readLine();
    assertThat(listening).matches("listening on https://127\\.0\\.0\\.1:\\d+");
    assertThat(caLine).isEqualTo("ca certificate: " + ca.toAbsolutePath());
    String base = listening.substring("listening on ".length());
    HttpResponse<String> r =
        trusting(Files.readString(ca))
            .send(messages(base, false), HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    t.interrupt();
    t.join(10_000);
    assertThat(code.get()).isZero();
  }

  @Test
  void caOutWithoutTlsIsABadArgument() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertThat(
            SimMain.run(
                new String[] {"--ca-out", "x.pem"},
                System.out,
                new PrintStream(err, true, StandardCharsets.UTF_8)))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8)).contains("--ca-out needs --tls");
  }
}
