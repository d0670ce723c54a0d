package io.chorus.bench;

/**
 * The network path a scenario's calls take to the simulator; every figure in BENCHMARKS.md names
 * it.
 */
enum WirePath {
  /** Plain {@code http://} to the simulator (HTTP/1.1). */
  PLAIN("plain http"),
  /**
   * {@code https://} to the simulator's own TLS ({@code chorus sim --tls}), whose ALPN offers
   * {@code http/1.1} only: every client speaks HTTP/1.1 over TLS.
   */
  TLS_H1("TLS h1"),
  /**
   * {@code https://} to a local nginx that terminates TLS offering {@code h2} and {@code http/1.1}
   * by ALPN and forwards to the plain simulator over kept-alive HTTP/1.1 (the simulator speaks no
   * HTTP/2): clients that can negotiate HTTP/2 do.
   */
  TLS_H2("TLS h2");

  private final String label;

  WirePath(String label) {
    this.label = label;
  }

  boolean tls() {
    return this != PLAIN;
  }

  @Override
  public String toString() {
    return label;
  }
}
