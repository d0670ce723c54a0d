package io.chorus.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Trust in a benchmark server's certificate authority for the peers, each the way its ecosystem
 * does it: a PKCS#12 trust store for the JVM peers ({@code -Djavax.net.ssl.trustStore}, which the
 * JDK HttpClient and LangChain4j's default HTTP client use), {@code NODE_EXTRA_CA_CERTS} for Node.
 * Chorus uses its public {@code HttpTransport.Builder.trustedCertificates(Path)}.
 */
final class BenchTrust {
  static final String PASSWORD = "chorus-bench";

  private BenchTrust() {}

  /** Writes a PKCS#12 trust store holding the certificates of {@code caPem} beside it. */
  static Path trustStore(Path caPem) throws IOException {
    Path out = caPem.resolveSibling(caPem.getFileName() + ".p12");
    try (OutputStream os = Files.newOutputStream(out)) {
      keyStore(caPem).store(os, PASSWORD.toCharArray());
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot write a trust store for " + caPem + ": " + e.getMessage(), e);
    }
    return out;
  }

  /** JVM options that make the default SSL context trust {@code trustStore}. */
  static java.util.List<String> jvmOptions(Path trustStore) {
    return java.util.List.of(
        "-Djavax.net.ssl.trustStore=" + trustStore.toAbsolutePath(),
        "-Djavax.net.ssl.trustStoreType=PKCS12",
        "-Djavax.net.ssl.trustStorePassword=" + PASSWORD);
  }

  /** An SSL context trusting only the certificates of {@code caPem}. */
  static SSLContext sslContext(Path caPem) throws IOException {
    try {
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(keyStore(caPem));
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (GeneralSecurityException e) {
      throw new IOException("cannot trust " + caPem + ": " + e.getMessage(), e);
    }
  }

  private static KeyStore keyStore(Path caPem) throws IOException, GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    try (InputStream in = Files.newInputStream(caPem)) {
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca-" + i++, c);
      }
    }
    return ks;
  }
}
