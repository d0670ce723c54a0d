package io.chorus.gateway.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The server-sent events of one response, written straight to the connection and flushed frame by
 * frame. Nothing is queued: a slow client blocks the writer, which blocks the provider's stream, so
 * what one stream buffers is the socket's buffers and one frame.
 *
 * <p>When a write fails (the client went away), the stream is marked gone and the thread running
 * the engine call is interrupted, which cancels the upstream call: the provider sees its connection
 * close.
 */
public final class Sse {

  private final OutputStream out;
  private final Thread caller;
  private final ReentrantLock lock = new ReentrantLock();
  private volatile boolean gone;

  public Sse(OutputStream out, Thread caller) {
    this.out = out;
    this.caller = caller;
  }

  /** {@code event: NAME} (omitted when null) and {@code data: JSON}. */
  public void event(String name, String data) {
    StringBuilder sb = new StringBuilder(data.length() + 32);
    if (name != null) {
      sb.append("event: ").append(name).append('\n');
    }
    sb.append("data: ").append(data).append("\n\n");
    send(sb.toString());
  }

  /** A comment line (clients ignore it; the gateway's progress notes). */
  public void comment(String text) {
    StringBuilder sb = new StringBuilder(text.length() + 8);
    for (String line : text.split("\n", -1)) {
      sb.append(": ").append(line).append('\n');
    }
    send(sb.append('\n').toString());
  }

  /** Whether the client went away. */
  public boolean gone() {
    return gone;
  }

  private void send(String frame) {
    if (gone) {
      return;
    }
    lock.lock();
    try {
      out.write(frame.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException | RuntimeException e) { // Helidon reports a closed connection unchecked
      gone = true;
      caller.interrupt(); // cancels the engine call, which closes the provider's connection
    } finally {
      lock.unlock();
    }
  }
}
