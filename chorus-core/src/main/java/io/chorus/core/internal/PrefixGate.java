package io.chorus.core.internal;

import io.chorus.core.ChatRequest;
import io.chorus.core.SharedPrefix;
import io.chorus.core.TimeSource;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One leader per shared prompt prefix ({@link SharedPrefix}): the first call with a prefix that is
 * not known to be cached becomes its leader and goes on; calls with the same prefix wait until the
 * leader's response has begun (the provider's cache entry is readable only from then on), then go
 * together. A leader that fails hands the lead to one of the waiting calls, so a failing prefix
 * costs one attempt at a time, never a stampede of cache writes.
 *
 * <p>A prefix whose leader's response began counts as cached for {@link #TTL} (Anthropic's default
 * cache lifetime), renewed by each call that passes. Thread-safe; waits are interruptible and
 * re-check the caller's stop condition every {@link #RECHECK_NANOS}.
 */
final class PrefixGate {
  /** How long a warmed prefix is taken as cached: Anthropic's ephemeral cache lifetime. */
  static final long TTL = TimeUnit.MINUTES.toNanos(5);

  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  /** The state of one prefix: a leader in flight, or warm until a time. */
  private static final class Entry {
    boolean leading; // a leader's response has not begun yet
    long warmUntil; // engine nanos; 0 while cold
  }

  /** What a call got at the gate: leader (it must report {@link #begun} and {@link #done}). */
  final class Ticket {
    private final String key;
    private final boolean leader;
    private boolean open;

    private Ticket(String key, boolean leader) {
      this.key = key;
      this.leader = leader;
      this.open = leader;
    }

    boolean leader() {
      return leader;
    }

    /** The leader's response has begun: the followers may go. Idempotent. */
    void begun() {
      end(true);
    }

    /** The leader's call ended; if its response never began, one waiting call takes the lead. */
    void done() {
      end(false);
    }

    private void end(boolean warm) {
      if (!leader) {
        return;
      }
      lock.lock();
      try {
        if (!open) {
          return;
        }
        open = false;
        Entry e = entries.get(key);
        if (!warm) {
          entries.remove(key);
        } else if (e != null) {
          e.leading = false;
          e.warmUntil = time.nanoTime() + TTL;
        }
        changed.signalAll();
      } finally {
        lock.unlock();
      }
    }
  }

  /** Checked while waiting; throws to leave the wait (a stop, a deadline). */
  interface StopCheck {
    void check();
  }

  private final TimeSource time;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition changed = lock.newCondition();
  private final Map<String, Entry> entries = new HashMap<>();

  PrefixGate(TimeSource time) {
    this.time = time;
  }

  /**
   * Waits while another call leads {@code request}'s prefix; returns this call's ticket, or null
   * when the request has no shared prefix.
   *
   * @throws InterruptedException when interrupted while waiting
   */
  Ticket enter(ChatRequest request, StopCheck stop) throws InterruptedException {
    SharedPrefix prefix = request.sharedPrefix();
    if (prefix == null) {
      return null;
    }
    String key = request.model() + "\u0000" + prefix.key();
    lock.lock();
    try {
      while (true) {
        long now = time.nanoTime();
        Entry e = entries.get(key);
        if (e == null || (!e.leading && e.warmUntil - now <= 0)) {
          prune(now);
          e = new Entry();
          e.leading = true;
          entries.put(key, e);
          return new Ticket(key, true);
        }
        if (!e.leading) {
          e.warmUntil = now + TTL;
          return new Ticket(key, false);
        }
        changed.awaitNanos(RECHECK_NANOS);
        stop.check();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Drops prefixes no longer cached, so that the map holds only live ones. Under the lock. */
  private void prune(long now) {
    if (entries.size() < 64) {
      return;
    }
    for (Iterator<Entry> it = entries.values().iterator(); it.hasNext(); ) {
      Entry e = it.next();
      if (!e.leading && e.warmUntil - now <= 0) {
        it.remove();
      }
    }
  }
}
