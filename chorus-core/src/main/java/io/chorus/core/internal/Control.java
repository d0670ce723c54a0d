package io.chorus.core.internal;

import io.chorus.core.Usage;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Cancellation, deadline and accounting of one task or call, bound to the thread that runs it.
 * Controls nest (run, task, call, nested run...): a stop anywhere up the chain stops everything
 * below, because each level interrupts its own thread and every blocking point below is
 * interruptible. Deadlines only tighten going down.
 *
 * <p>Thread-safe. Stopping is sticky: the first stop wins and is never cleared, so an interrupt
 * that a provider swallowed is still seen at the next check.
 */
final class Control {
  static final long NO_DEADLINE = Long.MAX_VALUE;

  private final ReentrantLock lock = new ReentrantLock();
  final Control parent;
  final long deadlineNanos;
  final Stop deadlineStop;
  final RetryBudget budget;
  private Thread thread;
  private volatile Stop stop;
  private boolean finished;
  volatile boolean admitted;
  private Usage childUsage = Usage.ZERO;
  private double childCost;

  Control(Control parent, long ownDeadlineNanos, Stop ownDeadlineStop, RetryBudget budget) {
    this.parent = parent;
    if (parent != null && parent.deadlineNanos <= ownDeadlineNanos) {
      this.deadlineNanos = parent.deadlineNanos;
      this.deadlineStop = parent.deadlineStop;
    } else {
      this.deadlineNanos = ownDeadlineNanos;
      this.deadlineStop = ownDeadlineStop;
    }
    this.budget = budget != null ? budget : parent != null ? parent.budget : RetryBudget.UNLIMITED;
  }

  void bind(Thread t) {
    lock.lock();
    try {
      thread = t;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Stops this control (first stop wins) and interrupts its thread; false if already stopped or
   * done.
   */
  boolean stop(Stop s) {
    lock.lock();
    try {
      if (finished || stop != null) {
        return false;
      }
      stop = s;
      if (thread != null) {
        thread.interrupt();
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** The stop of this control or the nearest stopped ancestor, or null. */
  Stop stopped() {
    for (Control c = this; c != null; c = c.parent) {
      Stop s = c.stop;
      if (s != null) {
        return s;
      }
    }
    return null;
  }

  boolean isStopped() {
    return stop != null;
  }

  /**
   * Marks the work done: no more interrupts. When this control itself interrupted a thread that
   * lives on (an inline call on the caller's thread), the interrupt is cleared so that it does not
   * leak into the caller, unless an ancestor was stopped too and the caller must see it.
   */
  void finish() {
    Stop own;
    lock.lock();
    try {
      finished = true;
      own = stop;
      thread = null;
    } finally {
      lock.unlock();
    }
    if (own != null && (parent == null || parent.stopped() == null)) {
      Thread.interrupted();
    }
  }

  void addChild(Usage usage, double cost) {
    lock.lock();
    try {
      childUsage = childUsage.plus(usage);
      childCost += cost;
    } finally {
      lock.unlock();
    }
  }

  Usage childUsage() {
    lock.lock();
    try {
      return childUsage;
    } finally {
      lock.unlock();
    }
  }

  double childCost() {
    lock.lock();
    try {
      return childCost;
    } finally {
      lock.unlock();
    }
  }
}
