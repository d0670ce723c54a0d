package io.chorus.providers.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The certificates TLS connections trust: the JDK's default authorities plus those of PEM files (a
 * simulator's certificate authority, a company proxy's CA). Adding, not replacing, keeps every
 * hosted provider reachable from the same transport.
 *
 * @param socketFactory TLS sockets that trust {@link #trustManager}
 */
public record TrustedCertificates(SSLSocketFactory socketFactory, X509TrustManager trustManager) {

  /**
   * Reads every certificate of {@code pemFile}.
   *
   * @throws IllegalArgumentException naming the file when it is unreadable or holds no certificate
   */
  public static TrustedCertificates withPemFile(Path pemFile) {
    return of(read(pemFile), pemFile.toString());
  }

  /**
   * The certificates of {@code pemFile}.
   *
   * @throws IllegalArgumentException naming the file when it is unreadable or holds no certificate
   */
  public static List<Certificate> read(Path pemFile) {
    Collection<? extends Certificate> extra;
    try (InputStream in = Files.newInputStream(pemFile)) {
      extra = CertificateFactory.getInstance("X.509").generateCertificates(in);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new IllegalArgumentException(pemFile + ": no such file", e);
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          pemFile + ": not a readable PEM certificate file (" + e.getMessage() + ")", e);
    }
    if (extra.isEmpty()) {
      throw new IllegalArgumentException(pemFile + ": no PEM certificate in it");
    }
    return List.copyOf(extra);
  }

  /** Trust in the JDK's default authorities and {@code extra}, read from {@code source}. */
  public static TrustedCertificates of(List<Certificate> extra, String source) {
    try {
      KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate c : defaultTrustManager(null).getAcceptedIssuers()) {
        store.setCertificateEntry("jdk-" + n++, c);
      }
      for (Certificate c : extra) {
        store.setCertificateEntry("ca-file-" + n++, c);
      }
      X509TrustManager trust = defaultTrustManager(store);
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(null, new TrustManager[] {trust}, null);
      return new TrustedCertificates(tls.getSocketFactory(), trust);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot build a trust store with " + source, e);
    }
  }

  private static X509TrustManager defaultTrustManager(KeyStore store)
      throws GeneralSecurityException {
    TrustManagerFactory f =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    f.init(store);
    for (TrustManager m : f.getTrustManagers()) {
      if (m instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X.509 trust manager in " + f.getAlgorithm());
  }
}
