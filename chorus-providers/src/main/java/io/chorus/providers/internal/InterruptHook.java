package io.chorus.providers.internal;

import java.io.IOException;
import java.nio.channels.ClosedByInterruptException;
import java.nio.channels.spi.AbstractInterruptibleChannel;

/**
 * Cancels a {@link WireCall} when the thread blocked in it is interrupted.
 *
 * <p>OkHttp's blocking reads do not reliably respond to {@link Thread#interrupt()} (a platform
 * thread blocked in a socket read ignores it; HTTP/2 waits are interruptible only sometimes). The
 * JDK's one public interrupt hook is {@link AbstractInterruptibleChannel}: between {@code begin()}
 * and {@code end()}, {@code Thread.interrupt()} itself calls {@link #implCloseChannel()} on the
 * interrupting thread — here, {@code call.cancel()}, which closes the socket (HTTP/1.1) or resets
 * the stream (HTTP/2), so the blocked read fails at once and the server sees the connection go.
 * This works for platform and virtual threads alike and needs no extra thread per call. A thread
 * already interrupted when it enters {@link #run} cancels the call immediately.
 *
 * <p>Used by one thread at a time (the caller's); {@link #implCloseChannel()} may run on another.
 */
public final class InterruptHook extends AbstractInterruptibleChannel {
  private final WireCall call;
  private volatile boolean cancelledByInterrupt;

  public InterruptHook(WireCall call) {
    this.call = call;
  }

  /**
   * Runs {@code action}, cancelling the call if this thread is interrupted meanwhile.
   *
   * @throws InterruptedException when the thread was interrupted before or during the action; the
   *     interrupt status is cleared, as {@code InterruptedException} promises
   */
  public <T> T run(IoAction<T> action) throws IOException, InterruptedException {
    boolean completed = false;
    IOException failure = null;
    begin();
    try {
      T result = action.run();
      completed = true;
      return result;
    } catch (IOException e) {
      failure = e;
      throw e;
    } finally {
      finish(completed, failure); // always pairs begin(); an interrupt replaces any outcome
    }
  }

  private void finish(boolean completed, IOException failure) throws InterruptedException {
    try {
      end(completed);
    } catch (ClosedByInterruptException e) {
      call.cancel(); // already done by implCloseChannel; idempotent
      throw interrupted(failure);
    } catch (IOException e) {
      // AsynchronousCloseException: nobody but an interrupt closes this channel
    }
    if (cancelledByInterrupt || (failure != null && Thread.currentThread().isInterrupted())) {
      // the JDK's own virtual-thread socket interrupt can win the race against our hook
      call.cancel();
      throw interrupted(failure);
    }
  }

  private static InterruptedException interrupted(IOException cause) {
    Thread.interrupted();
    InterruptedException e = new InterruptedException("provider call cancelled by interrupt");
    if (cause != null) {
      e.initCause(cause);
    }
    return e;
  }

  /** Whether an interrupt cancelled the call. */
  public boolean cancelledByInterrupt() {
    return cancelledByInterrupt;
  }

  @Override
  protected void implCloseChannel() {
    cancelledByInterrupt = true;
    call.cancel();
  }
}
