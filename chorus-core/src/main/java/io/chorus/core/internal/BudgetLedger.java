package io.chorus.core.internal;

import io.chorus.core.Budget;
import io.chorus.core.BudgetStatus;
import io.chorus.core.ModelId;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The money side of a {@link Budget}: what settled attempts were charged and what running ones
 * reserved. One per engine; absent (null) when the engine has no budget, so that calls without a
 * budget pay nothing for it.
 *
 * <p>An attempt that does not fit while others hold reservations waits for them to settle rather
 * than being refused: their real cost is usually far below their worst case, and refusing then
 * would stop a run with most of its budget unspent. It is refused only when what is already spent
 * leaves no room, which no later settlement can change.
 */
final class BudgetLedger {
  private final Budget budget;
  private final ReentrantLock lock = new ReentrantLock();
  private final Condition settled = lock.newCondition();
  private double spent;
  private double reserved;
  private long refused;
  private long unreported;
  private final Set<ModelId> unpriced = ConcurrentHashMap.newKeySet();

  BudgetLedger(Budget budget) {
    this.budget = budget;
  }

  /**
   * Reserves {@code worst} dollars, waiting while only reservations stand in the way.
   *
   * @return null when reserved, else the reason the call is not run
   * @throws InterruptedException when the call is cancelled while waiting
   */
  String reserve(double worst) throws InterruptedException {
    lock.lock();
    try {
      while (true) {
        if (spent + worst > budget.maxCostUsd()) {
          refused++;
          return Budget.NOT_RUN
              + " of "
              + Budget.usd(budget.maxCostUsd())
              + " reached ("
              + Budget.usd(spent)
              + " spent; this call's worst case is "
              + Budget.usd(worst)
              + ")";
        }
        if (spent + reserved + worst <= budget.maxCostUsd()) {
          reserved += worst;
          return null;
        }
        settled.await();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Reserves {@code worst} only if it fits now (hedges never wait). */
  boolean tryReserve(double worst) {
    lock.lock();
    try {
      if (spent + reserved + worst > budget.maxCostUsd()) {
        return false;
      }
      reserved += worst;
      return true;
    } finally {
      lock.unlock();
    }
  }

  /** Replaces a reservation of {@code worst} by the {@code charged} amount (0 for a refund). */
  void settle(double worst, double charged) {
    lock.lock();
    try {
      reserved = Math.max(0, reserved - worst);
      spent += charged;
      settled.signalAll();
    } finally {
      lock.unlock();
    }
  }

  void unreportedUsage() {
    lock.lock();
    try {
      unreported++;
    } finally {
      lock.unlock();
    }
  }

  void unpriced(ModelId model) {
    unpriced.add(model);
  }

  BudgetStatus status() {
    lock.lock();
    try {
      return new BudgetStatus(budget, spent, reserved, refused, unreported, unpriced);
    } finally {
      lock.unlock();
    }
  }
}
