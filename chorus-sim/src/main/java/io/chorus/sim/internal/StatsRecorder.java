package io.chorus.sim.internal;

import io.chorus.sim.FaultKind;
import io.chorus.sim.SimStats;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** Lock-free counters behind {@link SimStats}. Thread-safe. */
public final class StatsRecorder implements SimServer.Connections {

  /** Counters of one slice (all traffic, one key, or one model). */
  static final class Slice {
    final LongAdder requests = new LongAdder();
    final LongAdder rateLimited = new LongAdder();
    final Map<FaultKind, LongAdder> faults = new EnumMap<>(FaultKind.class);
    final LongAdder input = new LongAdder();
    final LongAdder output = new LongAdder();
    final LongAdder cacheWrite = new LongAdder();
    final LongAdder cacheRead = new LongAdder();
    final LongAdder aborts = new LongAdder();

    Slice() {
      for (FaultKind k : FaultKind.values()) {
        faults.put(k, new LongAdder());
      }
    }

    SimStats.Counters snapshot() {
      Map<String, Long> f = new HashMap<>();
      faults.forEach(
          (k, v) -> {
            long n = v.sum();
            if (n > 0) {
              f.put(k.configName(), n);
            }
          });
      return new SimStats.Counters(
          requests.sum(),
          rateLimited.sum(),
          f,
          input.sum(),
          output.sum(),
          cacheWrite.sum(),
          cacheRead.sum(),
          aborts.sum());
    }
  }

  private volatile Slice totals = new Slice();
  private final Map<String, Slice> byKey = new ConcurrentHashMap<>();
  private final Map<String, Slice> byModel = new ConcurrentHashMap<>();
  private final AtomicLong open = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();

  @Override
  public void opened() {
    long now = open.incrementAndGet();
    peak.accumulateAndGet(now, Math::max);
  }

  @Override
  public void closed() {
    open.decrementAndGet();
  }

  /** The three slices a request counts in: totals, its key, its model. */
  Slice[] slices(String keyLabel, String model) {
    return new Slice[] {
      totals,
      byKey.computeIfAbsent(keyLabel, k -> new Slice()),
      byModel.computeIfAbsent(model, k -> new Slice())
    };
  }

  static void request(Slice[] s) {
    for (Slice x : s) {
      x.requests.increment();
    }
  }

  static void rateLimited(Slice[] s) {
    for (Slice x : s) {
      x.rateLimited.increment();
    }
  }

  static void clientAborted(Slice[] s) {
    for (Slice x : s) {
      x.aborts.increment();
    }
  }

  static void fault(Slice[] s, FaultKind kind) {
    for (Slice x : s) {
      x.faults.get(kind).increment();
    }
  }

  static void tokens(Slice[] s, long input, long output, long cacheWrite, long cacheRead) {
    for (Slice x : s) {
      x.input.add(input);
      x.output.add(output);
      x.cacheWrite.add(cacheWrite);
      x.cacheRead.add(cacheRead);
    }
  }

  public SimStats snapshot() {
    Map<String, SimStats.Counters> k = new HashMap<>();
    byKey.forEach((name, slice) -> k.put(name, slice.snapshot()));
    Map<String, SimStats.Counters> m = new HashMap<>();
    byModel.forEach((name, slice) -> m.put(name, slice.snapshot()));
    return new SimStats(totals.snapshot(), peak.get(), open.get(), k, m);
  }

  /** Zeroes the counters; the peak restarts from the connections open now. */
  public void reset() {
    totals = new Slice();
    byKey.clear();
    byModel.clear();
    peak.set(open.get());
  }
}
