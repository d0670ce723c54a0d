package io.chorus.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.tls.HeldCertificate;

/**
 * A local nginx that terminates TLS for the plain simulator, offering {@code h2} and {@code
 * http/1.1} by ALPN, and forwards every request over kept-alive HTTP/1.1 connections: the TLS h2
 * path of the benchmark (the simulator itself speaks HTTP/1.1 only). Its certificate authority is
 * made here, at start. Only listens on 127.0.0.1; its CPU is not charged to the clients.
 */
final class TlsTerminator implements AutoCloseable {
  private final Process process;
  private final String baseUrl;
  private final Path caPem;

  private TlsTerminator(Process process, String baseUrl, Path caPem) {
    this.process = process;
    this.baseUrl = baseUrl;
    this.caPem = caPem;
  }

  /** Whether an {@code nginx} binary is on the PATH (or in /usr/sbin). */
  static String nginx() {
    for (String dir : (System.getenv().getOrDefault("PATH", "") + ":/usr/sbin").split(":")) {
      Path p = Path.of(dir.isEmpty() ? "." : dir, "nginx");
      if (Files.isExecutable(p)) {
        return p.toString();
      }
    }
    return null;
  }

  /**
   * Starts nginx in front of {@code upstream} ({@code http://127.0.0.1:PORT}) under {@code dir}.
   */
  static TlsTerminator start(String nginx, String upstream, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("tmp"));
    HeldCertificate ca =
        new HeldCertificate.Builder().certificateAuthority(0).commonName("chorus bench CA").build();
    HeldCertificate leaf =
        new HeldCertificate.Builder()
            .signedBy(ca)
            .commonName("127.0.0.1")
            .addSubjectAlternativeName("127.0.0.1")
            .addSubjectAlternativeName("localhost")
            .build();
    Path caPem = Files.writeString(dir.resolve("ca.pem"), ca.certificatePem());
    Path cert = Files.writeString(dir.resolve("cert.pem"), leaf.certificatePem());
    Path key = Files.writeString(dir.resolve("key.pem"), leaf.privateKeyPkcs8Pem());
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    String up = upstream.replaceFirst("^http://", "");
    String tmp = dir.resolve("tmp").toAbsolutePath().toString();
    String conf =
        String.join(
            "\n",
            "worker_processes 1;",
            "daemon off;",
            "pid " + dir.toAbsolutePath().resolve("nginx.pid") + ";",
            "error_log " + dir.toAbsolutePath().resolve("nginx-error.log") + " warn;",
            "events { worker_connections 8192; }",
            "http {",
            "  access_log off;",
            "  client_body_temp_path " + tmp + "/body;",
            "  proxy_temp_path " + tmp + "/proxy;",
            "  fastcgi_temp_path " + tmp + "/fastcgi;",
            "  uwsgi_temp_path " + tmp + "/uwsgi;",
            "  scgi_temp_path " + tmp + "/scgi;",
            "  keepalive_requests 10000000;",
            "  keepalive_timeout 300s;",
            "  http2_max_requests 10000000;",
            "  http2_max_concurrent_streams 1024;",
            "  upstream sim { server " + up + "; keepalive 256; keepalive_requests 10000000; }",
            "  server {",
            "    listen 127.0.0.1:" + port + " ssl http2;",
            "    ssl_certificate " + cert.toAbsolutePath() + ";",
            "    ssl_certificate_key " + key.toAbsolutePath() + ";",
            "    ssl_protocols TLSv1.2 TLSv1.3;",
            "    location / {",
            "      proxy_pass http://sim;",
            "      proxy_http_version 1.1;",
            "      proxy_set_header Connection \"\";",
            "      proxy_buffering off;",
            "      proxy_read_timeout 600s;",
            "    }",
            "  }",
            "}",
            "");
    Path confFile = Files.writeString(dir.resolve("nginx.conf"), conf);
    Process p =
        new ProcessBuilder(
                List.of(
                    nginx,
                    "-p",
                    dir.toAbsolutePath().toString(),
                    "-c",
                    confFile.toAbsolutePath().toString(),
                    "-e",
                    dir.toAbsolutePath().resolve("nginx-error.log").toString()))
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("nginx.out").toFile())
            .start();
    long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (System.nanoTime() < end) {
      if (!p.isAlive()) {
        throw new IOException("nginx exited at start (see " + dir.resolve("nginx-error.log") + ")");
      }
      try (Socket s = new Socket("127.0.0.1", port)) {
        return new TlsTerminator(p, "https://127.0.0.1:" + port, caPem);
      } catch (IOException notYet) {
        try {
          Thread.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    p.destroyForcibly();
    throw new IOException("nginx did not listen on " + port + " within 20 s");
  }

  String baseUrl() {
    return baseUrl;
  }

  Path caPem() {
    return caPem;
  }

  /** CPU time (user + system) of the nginx processes so far, ms (master and its worker). */
  double cpuMs() {
    double sum = SimProcess.cpuMs(process.pid());
    for (ProcessHandle h : process.children().toList()) {
      sum += SimProcess.cpuMs(h.pid());
    }
    return sum;
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
