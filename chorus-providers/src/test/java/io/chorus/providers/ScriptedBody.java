package io.chorus.providers;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponseBody;
import okio.BufferedSink;

/**
 * A chunked response body that writes its parts, flushing each, and then either ends, stalls
 * (writes nothing until released) or keeps the connection open with SSE comments until the client
 * goes away, which it records: the server's view of a cancellation.
 *
 * <p>A stepped body writes its first part at once and each further part only when the test calls
 * {@link #step()}: on a fake clock, the test decides what time it is when each part arrives.
 */
final class ScriptedBody implements MockResponseBody {
  enum After {
    END,
    STALL,
    PING_UNTIL_CLOSED,
    STALL_THEN_PROBE
  }

  private final List<String> parts;
  private final After after;
  private final boolean stepped;
  private final Semaphore steps = new Semaphore(0);
  final CountDownLatch release = new CountDownLatch(1);
  final CountDownLatch clientClosed = new CountDownLatch(1);

  /**
   * For STALL_THEN_PROBE: when counted down, the server starts writing to find out whether the
   * client is gone.
   */
  final CountDownLatch probe = new CountDownLatch(1);

  ScriptedBody(After after, String... parts) {
    this(after, false, parts);
  }

  private ScriptedBody(After after, boolean stepped, String... parts) {
    this.after = after;
    this.stepped = stepped;
    this.parts = List.of(parts);
  }

  /** A body that writes each part after the first only on {@link #step()}, then ends. */
  static ScriptedBody stepped(String... parts) {
    return new ScriptedBody(After.END, true, parts);
  }

  /** Lets a stepped body write its next part. */
  void step() {
    steps.release();
  }

  @Override
  public long getContentLength() {
    return -1;
  }

  @Override
  public void writeTo(BufferedSink sink) throws IOException {
    try {
      for (int i = 0; i < parts.size(); i++) {
        if (i > 0 && stepped && !steps.tryAcquire(30, TimeUnit.SECONDS)) {
          return; // the test gave up
        }
        sink.writeUtf8(parts.get(i));
        sink.flush();
      }
      switch (after) {
        case END -> {}
        case STALL -> release.await(30, TimeUnit.SECONDS);
        case PING_UNTIL_CLOSED, STALL_THEN_PROBE -> {
          if (after == After.STALL_THEN_PROBE) {
            probe.await(30, TimeUnit.SECONDS);
          }
          long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
          while (System.nanoTime() < deadline && release.getCount() > 0) {
            sink.writeUtf8(": ping\n\n");
            sink.flush();
            release.await(20, TimeUnit.MILLISECONDS);
          }
        }
      }
    } catch (IOException e) {
      clientClosed.countDown();
      throw e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
