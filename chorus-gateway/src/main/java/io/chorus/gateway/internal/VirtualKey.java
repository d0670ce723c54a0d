package io.chorus.gateway.internal;

import io.chorus.common.internal.Money;
import io.chorus.config.GatewayKeySettings;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One virtual key's allowance: the models it may use, its request rate and its budget.
 *
 * <p>The rate is a bucket of ten seconds' worth of requests (at least one) refilled at {@code rpm /
 * 60} per second; a request finding it empty is refused at once with 429 and a {@code retry-after}
 * saying when the next one fits, rather than held, so that a client's own retries (which the SDKs
 * do on 429) pace it. The budget counts what the key's calls cost as they finish; a key may
 * overshoot it by the calls it has in flight when it is reached.
 */
public final class VirtualKey {

  /** The key of an open gateway: everything allowed. */
  public static final VirtualKey OPEN = new VirtualKey("open", null, TimeSource.system());

  private final String name;
  private final List<String> models;
  private final double perNano;
  private final double capacity;
  private final Double maxCost;
  private final TimeSource time;
  private final ReentrantLock lock = new ReentrantLock();
  private final DoubleAdder spent = new DoubleAdder();
  private double level;
  private long last;

  VirtualKey(String name, GatewayKeySettings s, TimeSource time) {
    this.name = name;
    this.time = time;
    this.models = s == null ? null : s.models();
    this.maxCost = s == null ? null : s.maxCost();
    double rpm = s == null || s.rpm() == null ? 0 : s.rpm();
    this.perNano = rpm / 60e9;
    this.capacity = Math.max(1, rpm / 6);
    this.level = capacity;
    this.last = time.nanoTime();
  }

  public String name() {
    return name;
  }

  /**
   * Whether this key may use {@code model} (as the client wrote it, or as the engine model it
   * resolved to).
   */
  public boolean allows(String requested, String resolved) {
    if (models == null) {
      return true;
    }
    for (String m : models) {
      if (m.equals(requested)
          || m.equals(resolved)
          || (m.endsWith(":*")
              && resolved != null
              && resolved.startsWith(m.substring(0, m.length() - 1)))) {
        return true;
      }
    }
    return false;
  }

  /** Refuses (403) a model this key may not use. */
  public void checkModel(String requested, String resolved) {
    if (!allows(requested, resolved)) {
      throw new GatewayException(
          ApiError.forbidden("This key may not use the model '" + requested + "'"));
    }
  }

  /**
   * Takes one request from the rate and checks the budget; 429 in the protocol's shape when either
   * is spent.
   */
  public void admit() {
    if (maxCost != null && spent.sum() >= maxCost) {
      throw new GatewayException(
          new ApiError(
              429,
              "insufficient_quota",
              "insufficient_quota",
              null,
              "This key's budget of " + Money.usd(maxCost) + " is spent",
              null));
    }
    if (perNano == 0) {
      return;
    }
    lock.lock();
    try {
      long now = time.nanoTime();
      level = Math.min(capacity, level + (now - last) * perNano);
      last = now;
      if (level >= 1) {
        level -= 1;
        return;
      }
      Duration wait = Duration.ofNanos((long) Math.ceil((1 - level) / perNano));
      throw new GatewayException(
          ApiError.rateLimited(
              "This key's rate limit of "
                  + (long) Math.round(perNano * 60e9)
                  + " requests per minute is reached; retry in "
                  + Math.max(1, wait.toMillis())
                  + " ms",
              wait));
    } finally {
      lock.unlock();
    }
  }

  /** Counts what a finished call cost. */
  public void spend(double usd) {
    if (usd > 0) {
      spent.add(usd);
    }
  }

  /** What this key has spent. */
  public double spent() {
    return spent.sum();
  }
}
