package io.chorus.sim;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** A raw-socket HTTP/1.1 exchange, for faults a real client library would hide. */
final class RawHttp {
  private RawHttp() {}

  /** What the socket delivered: all bytes until close, or until it went quiet, or until a reset. */
  record Received(String text, boolean timedOut, IOException error) {
    String head() {
      int i = text.indexOf("\r\n\r\n");
      return i < 0 ? text : text.substring(0, i);
    }

    String body() {
      int i = text.indexOf("\r\n\r\n");
      return i < 0 ? "" : text.substring(i + 4);
    }
  }

  static Received post(
      Simulator sim, String path, String extraHeaders, String body, int quietMillis)
      throws IOException {
    try (Socket s = new Socket("127.0.0.1", sim.port())) {
      s.setSoTimeout(quietMillis);
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      String req =
          "POST "
              + path
              + " HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\n"
              + extraHeaders
              + "connection: close\r\ncontent-length: "
              + b.length
              + "\r\n\r\n";
      s.getOutputStream().write(req.getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().write(b);
      s.getOutputStream().flush();
      InputStream in = s.getInputStream();
      ByteArrayOutputStream got = new ByteArrayOutputStream();
      byte[] buf = new byte[8192];
      try {
        int n;
        while ((n = in.read(buf)) >= 0) {
          got.write(buf, 0, n);
        }
        return new Received(got.toString(StandardCharsets.UTF_8), false, null);
      } catch (SocketTimeoutException e) {
        return new Received(got.toString(StandardCharsets.UTF_8), true, null);
      } catch (IOException e) {
        return new Received(got.toString(StandardCharsets.UTF_8), false, e);
      }
    }
  }
}
