package io.chorus.core.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 10, unit = TimeUnit.SECONDS)
class BulkheadTest {

  private static void awaitQueued(Bulkhead b, int n) {
    while (b.queued() < n) {
      Thread.onSpinWait();
    }
  }

  @Test
  void whenFullHigherPriorityIsAdmittedFirstThenFifo() throws Exception {
    Bulkhead b = new Bulkhead(1);
    b.acquire(0);
    List<String> order = Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    String[] names = {"low-1", "low-2", "high", "mid", "low-3"};
    int[] prios = {0, 0, 10, 5, 0};
    for (int i = 0; i < names.length; i++) {
      String name = names[i];
      int p = prios[i];
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    try {
                      b.acquire(p);
                      order.add(name);
                      b.release();
                    } catch (InterruptedException e) {
                      Thread.currentThread().interrupt();
                    }
                  }));
      awaitQueued(b, i + 1); // queue them in this order
    }
    b.release();
    for (Thread t : threads) {
      t.join();
    }
    assertThat(order).containsExactly("high", "mid", "low-1", "low-2", "low-3");
    assertThat(b.inUse()).isZero();
  }

  @Test
  void interruptedWaitersLeaveTheQueueAndNeverHoldASlot() throws Exception {
    Bulkhead b = new Bulkhead(1);
    b.acquire(0);
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    b.acquire(0);
                  } catch (InterruptedException e) {
                    // expected
                  }
                });
    awaitQueued(b, 1);
    waiter.interrupt();
    waiter.join();
    assertThat(b.queued()).isZero();
    b.release();
    assertThat(b.inUse()).isZero();
    assertThat(b.tryAcquire()).isTrue();
  }

  @Test
  void tryAcquireNeverJumpsTheQueue() throws Exception {
    Bulkhead b = new Bulkhead(1);
    b.acquire(0);
    Thread waiter =
        Thread.ofVirtual()
            .start(
                () -> {
                  try {
                    b.acquire(0);
                    b.release();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                });
    awaitQueued(b, 1);
    assertThat(b.tryAcquire()).isFalse();
    b.release();
    waiter.join();
  }
}
