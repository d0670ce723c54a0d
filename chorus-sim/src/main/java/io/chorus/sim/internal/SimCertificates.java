package io.chorus.sim.internal;

import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * The TLS identity of one simulator run, made at start: a certificate authority of its own and a
 * server certificate it signed for {@code 127.0.0.1}, {@code localhost} and {@code ::1}. A client
 * trusts the authority ({@link #caPem()}: {@code --ca}, {@code ca_file}, {@code
 * NODE_EXTRA_CA_CERTS}, {@code curl --cacert}) and then verifies the server's name as it would a
 * hosted provider's.
 *
 * <p>Why an authority and a leaf rather than one self-signed certificate: tools that verify chains
 * the OpenSSL way (Node, curl, Python) want the trusted certificate to be a CA, and the server
 * certificate should be an ordinary leaf as a provider's is. Why generated rather than shipped: a
 * private key in the repository would be a key everyone has. ECDSA P-256 keys make generation take
 * a few milliseconds. Valid for 30 days from start, so a long-running simulator stays usable.
 *
 * @param caPem the authority's certificate, PEM
 * @param context a server-side TLS context presenting the leaf and the authority
 */
public record SimCertificates(String caPem, SSLContext context) {

  /** A new authority and server certificate. */
  public static SimCertificates generate() {
    HeldCertificate ca =
        new HeldCertificate.Builder()
            .commonName("Chorus simulator CA (generated at start, not for production)")
            .certificateAuthority(0)
            .duration(30, TimeUnit.DAYS)
            .ecdsa256()
            .build();
    HeldCertificate server =
        new HeldCertificate.Builder()
            .commonName("127.0.0.1")
            .addSubjectAlternativeName("127.0.0.1")
            .addSubjectAlternativeName("localhost")
            .addSubjectAlternativeName("::1")
            .duration(30, TimeUnit.DAYS)
            .ecdsa256()
            .signedBy(ca)
            .build();
    HandshakeCertificates handshake =
        new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate()).build();
    return new SimCertificates(ca.certificatePem(), handshake.sslContext());
  }
}
