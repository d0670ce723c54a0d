package io.chorus.core.internal;

import java.util.concurrent.locks.ReentrantLock;

/**
 * Interrupts one attempt's thread when its timeout fires or when it loses a hedge race, and only
 * while that attempt is still running, so no stray interrupt reaches the code after it.
 */
final class AttemptGuard {
  private final ReentrantLock lock = new ReentrantLock();
  private final Thread thread;
  private boolean running = true;
  private boolean expired;
  private boolean cancelled;

  AttemptGuard(Thread thread) {
    this.thread = thread;
  }

  void expire() {
    lock.lock();
    try {
      if (running && !cancelled) {
        expired = true;
        thread.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  void cancel() {
    lock.lock();
    try {
      if (running && !expired) {
        cancelled = true;
        thread.interrupt();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Ends the guarded section; clears an interrupt this guard caused. */
  void close() {
    boolean ours;
    lock.lock();
    try {
      running = false;
      ours = expired || cancelled;
    } finally {
      lock.unlock();
    }
    if (ours) {
      Thread.interrupted();
    }
  }

  boolean expired() {
    lock.lock();
    try {
      return expired;
    } finally {
      lock.unlock();
    }
  }

  boolean cancelled() {
    lock.lock();
    try {
      return cancelled;
    } finally {
      lock.unlock();
    }
  }
}
