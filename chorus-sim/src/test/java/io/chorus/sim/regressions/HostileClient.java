package io.chorus.sim.regressions;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * A client that writes raw bytes, as an attacker or a broken proxy would, and reads what comes
 * back.
 */
final class HostileClient {
  private HostileClient() {}

  /**
   * Sends {@code raw} and returns everything received until the server closes (or 5 s of silence).
   */
  static String exchange(int port, String raw) throws IOException {
    try (Socket s = new Socket("127.0.0.1", port)) {
      s.setSoTimeout(5000);
      s.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().flush();
      return readAll(s.getInputStream());
    }
  }

  static String readAll(InputStream in) throws IOException {
    ByteArrayOutputStream got = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    try {
      int n;
      while ((n = in.read(buf)) >= 0) {
        got.write(buf, 0, n);
      }
    } catch (SocketTimeoutException e) {
      got.writeBytes("<silence>".getBytes(StandardCharsets.US_ASCII));
    } catch (IOException e) {
      got.writeBytes(("<" + e.getMessage() + ">").getBytes(StandardCharsets.US_ASCII));
    }
    return got.toString(StandardCharsets.ISO_8859_1);
  }

  /** How many HTTP responses {@code text} holds. */
  static int responses(String text) {
    int n = 0;
    for (int i = text.indexOf("HTTP/1.1 "); i >= 0; i = text.indexOf("HTTP/1.1 ", i + 1)) {
      n++;
    }
    return n;
  }
}
