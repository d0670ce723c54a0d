package io.chorus.core.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The attempts of one hedged try, each on its own virtual thread: the first success wins and the
 * others are interrupted; the race ends when there is a winner or nothing is running any more.
 * {@link #await()} returns only after every attempt thread has finished, so each attempt's end
 * event precedes the call's end.
 */
final class HedgeRace {
  HedgeRace(java.util.concurrent.ThreadFactory threads) {
    this.threads = threads;
  }

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final List<AttemptGuard> guards = new ArrayList<>(2);
  private final java.util.concurrent.ThreadFactory threads;
  private int running;
  private AttemptResult winner;
  private AttemptResult firstFailure;
  private boolean over;

  /**
   * Runs {@code body} on a new virtual thread unless the race is over.
   *
   * @param onEnd runs on that thread after the body, whatever happens (releases permits)
   * @return whether it started
   */
  boolean launch(Function<AttemptGuard, AttemptResult> body, Runnable onEnd) {
    lock.lock();
    try {
      if (over) {
        return false;
      }
      AttemptGuard[] holder = new AttemptGuard[1];
      Thread t =
          threads.newThread(
              () -> {
                AttemptResult r;
                try {
                  r = body.apply(holder[0]);
                } catch (Stopped s) {
                  r = AttemptResult.stopped(s.stop());
                } catch (RuntimeException | Error e) {
                  r = AttemptResult.lost();
                } finally {
                  onEnd.run();
                }
                finish(r);
              });
      holder[0] = new AttemptGuard(t);
      guards.add(holder[0]);
      running++;
      t.start();
      return true;
    } finally {
      lock.unlock();
    }
  }

  private void finish(AttemptResult r) {
    lock.lock();
    try {
      running--;
      if (r.succeeded()) {
        if (winner == null) {
          winner = r;
        }
      } else if (firstFailure == null && r.error() != null) {
        firstFailure = r;
      }
      changed.signalAll();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Waits for a winner or for every attempt to fail; cancels the rest. If the waiting thread is
   * interrupted, every attempt is cancelled and awaited before the interrupt is rethrown.
   */
  AttemptResult await() throws InterruptedException {
    lock.lock();
    try {
      try {
        while (winner == null && running > 0) {
          changed.await();
        }
      } finally {
        over = true;
        guards.forEach(AttemptGuard::cancel);
        while (running > 0) {
          changed.awaitUninterruptibly();
        }
      }
      return winner != null ? winner : firstFailure != null ? firstFailure : AttemptResult.lost();
    } finally {
      lock.unlock();
    }
  }

  boolean isOver() {
    lock.lock();
    try {
      return over || winner != null;
    } finally {
      lock.unlock();
    }
  }
}
