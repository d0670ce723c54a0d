package io.chorus.sim.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConnectionInputTest {

  /** A source that hands out at most {@code step} bytes per read, as a socket may. */
  private static InputStream trickle(byte[] data, int step) {
    return new ByteArrayInputStream(data) {
      @Override
      public synchronized int read(byte[] b, int off, int len) {
        return super.read(b, off, Math.min(len, step));
      }
    };
  }

  @Test
  void bytesCopiesAndLargeReadsInterleaveWithoutLoss() throws IOException {
    byte[] data = new byte[10_000];
    for (int i = 0; i < data.length; i++) {
      data[i] = (byte) (i * 31);
    }
    ConnectionInput in = new ConnectionInput(trickle(data, 700), 64);
    byte[] got = new byte[data.length];
    int n = 0;
    got[n++] = (byte) in.read();
    got[n++] = (byte) in.read();
    n += in.read(got, n, 10); // from the buffer
    while (n < 5_000) {
      int r = in.read(got, n, 200); // larger than the buffer: straight from the source once empty
      assertThat(r).isPositive();
      n += r;
    }
    byte[] rest = in.readNBytes(data.length - n);
    System.arraycopy(rest, 0, got, n, rest.length);
    assertThat(got).isEqualTo(data);
    assertThat(in.read()).isEqualTo(-1);
    assertThat(in.read(new byte[4], 0, 4)).isEqualTo(-1);
  }

  @Test
  void theRequestReaderParsesARequestThroughIt() throws IOException {
    String wire =
        "POST /v1/chat/completions HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"
            + "GET /health HTTP/1.1\r\nConnection: close\r\n\r\n";
    HttpRequestReader reader =
        new HttpRequestReader(
            new ConnectionInput(trickle(wire.getBytes(StandardCharsets.ISO_8859_1), 7), 16),
            java.io.OutputStream.nullOutputStream());
    HttpRequest first = reader.read();
    assertThat(first.method()).isEqualTo("POST");
    assertThat(new String(first.body(), StandardCharsets.US_ASCII)).isEqualTo("hello");
    HttpRequest second = reader.read();
    assertThat(second.path()).isEqualTo("/health");
    assertThat(second.keepAlive()).isFalse();
    assertThat(reader.read()).isNull();
  }
}
