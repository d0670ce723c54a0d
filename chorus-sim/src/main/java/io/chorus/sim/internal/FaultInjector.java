package io.chorus.sim.internal;

import io.chorus.sim.FaultRule;
import io.chorus.sim.ModelBehaviour;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Picks the fault (if any) for one request: the model's rules first, then the global ones; the
 * first that fires wins. Random draws are seeded by the simulator seed and the request's arrival
 * number (not its body), so a retried identical request can succeed. Thread-safe.
 */
final class FaultInjector {
  private final long seed;
  private final List<FaultRule> global;
  private final Map<String, AtomicLong> counters = new ConcurrentHashMap<>();

  FaultInjector(long seed, List<FaultRule> global) {
    this.seed = seed;
    this.global = global;
  }

  void reset() {
    counters.clear();
  }

  FaultRule pick(ParsedCall call, ModelBehaviour behaviour, long requestNumber) {
    SplittableRandom random = Seeds.random(seed, requestNumber, 0xFA);
    List<FaultRule> own = behaviour.faults();
    for (int i = 0; i < own.size(); i++) {
      if (fires(own.get(i), "m\u0000" + call.model() + "\u0000" + i, call, random)) {
        return own.get(i);
      }
    }
    for (int i = 0; i < global.size(); i++) {
      if (fires(global.get(i), "g\u0000" + i, call, random)) {
        return global.get(i);
      }
    }
    return null;
  }

  private boolean fires(
      FaultRule rule, String counterKey, ParsedCall call, SplittableRandom random) {
    if (rule.model() != null && !rule.model().equals(call.model())) {
      return false;
    }
    if (rule.stream() != null && rule.stream() != call.stream()) {
      return false;
    }
    long n = counters.computeIfAbsent(counterKey, k -> new AtomicLong()).incrementAndGet();
    double draw = random.nextDouble();
    return rule.onRequests().contains(n) || draw < rule.rate();
  }
}
