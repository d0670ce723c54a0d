package io.chorus.providers;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import mockwebserver3.MockWebServer;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * Every transport a user of the providers can get, for the provider tests to run over (a JUnit
 * {@code @ParameterizedClass} over this enum): Chorus's own HTTP/1.1 client for plain {@code
 * http://} URLs (local servers, the simulator), and OkHttp over TLS, which is what every hosted
 * provider gets, in HTTP/1.1 and in HTTP/2 as negotiated by ALPN. The TLS servers present one
 * self-signed certificate for localhost that the client trusts through the public {@link
 * HttpTransport.Builder#trustedCertificates(Path)}, as a user of {@code chorus sim --tls} would.
 */
public enum Transport {
  PLAIN_HTTP1("plain HTTP/1.1"),
  OKHTTP_HTTP1_TLS("OkHttp HTTP/1.1 over TLS"),
  OKHTTP_HTTP2_TLS("OkHttp HTTP/2 over TLS");

  private final String label;

  Transport(String label) {
    this.label = label;
  }

  /**
   * One certificate for the whole test JVM: generating a key per test would cost more than the
   * test.
   */
  private static final class Tls {
    static final HeldCertificate LOCALHOST =
        new HeldCertificate.Builder()
            .commonName("localhost")
            .addSubjectAlternativeName("localhost")
            .addSubjectAlternativeName("127.0.0.1")
            .build();
    static final HandshakeCertificates SERVER =
        new HandshakeCertificates.Builder().heldCertificate(LOCALHOST).build();
    static final Path PEM = writePem();

    private static Path writePem() {
      try {
        Path pem = Files.createTempFile("chorus-test-ca", ".pem");
        pem.toFile().deleteOnExit();
        return Files.writeString(pem, LOCALHOST.certificatePem());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  public boolean tls() {
    return this != PLAIN_HTTP1;
  }

  public boolean http2() {
    return this == OKHTTP_HTTP2_TLS;
  }

  /** A started MockWebServer speaking this transport. */
  public MockWebServer startServer() throws IOException {
    MockWebServer server = new MockWebServer();
    if (tls()) {
      server.useHttps(Tls.SERVER.sslSocketFactory());
      server.setProtocols(
          http2() ? List.of(Protocol.HTTP_2, Protocol.HTTP_1_1) : List.of(Protocol.HTTP_1_1));
    }
    server.start();
    return server;
  }

  /**
   * A transport builder configured as a user would for this server: nothing, or trust its
   * certificate.
   */
  public HttpTransport.Builder client() {
    HttpTransport.Builder b = HttpTransport.builder();
    return tls() ? b.trustedCertificates(Tls.PEM) : b;
  }

  /** The protocol the server saw, as {@code RecordedRequest.getVersion()} reports it. */
  public String version() {
    return http2() ? "HTTP/2" : "HTTP/1.1";
  }

  @Override
  public String toString() {
    return label;
  }
}
