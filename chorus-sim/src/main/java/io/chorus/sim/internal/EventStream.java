package io.chorus.sim.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** The chunked body of a server-sent-event stream; each {@link #send} is one flushed chunk. */
public final class EventStream {
  private final Exchange exchange;
  private final OutputStream out;

  EventStream(Exchange exchange, OutputStream out) {
    this.exchange = exchange;
    this.out = out;
  }

  /** Sends {@code text} (one or more complete SSE events) as one chunk and flushes it. */
  public void send(String text) throws IOException {
    byte[] data = text.getBytes(StandardCharsets.UTF_8);
    out.write((Integer.toHexString(data.length) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
    out.write(data);
    out.write('\r');
    out.write('\n');
    out.flush();
  }

  /** Ends the body properly (the zero-length chunk); the connection stays usable. */
  public void finish() throws IOException {
    out.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Closes the connection without ending the chunked body: a truncated stream. */
  public void truncate() throws IOException {
    exchange.closeConnection();
  }
}
