package io.chorus.observe;

import io.chorus.core.BreakerState;
import io.chorus.core.CallEvent;
import io.chorus.core.CallRecord;
import io.chorus.core.DeadLetter;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Records a {@link RunTrace} from engine events. Thread-safe; memory grows with the number of calls
 * (about a kilobyte each), which is fine for the tens of thousands a report can show.
 */
public final class TraceRecorder implements EngineListener {

  private final String title;
  private final TimeSource time;
  private final boolean synthetic;
  private final ConcurrentLinkedQueue<CallRecord> calls = new ConcurrentLinkedQueue<>();
  private final Map<String, List<CallRecord.Interval>> waits = new ConcurrentHashMap<>();
  private final Map<String, Instant> waitStart = new ConcurrentHashMap<>();
  private final Map<String, Boolean> cacheHits = new ConcurrentHashMap<>();
  private final ConcurrentLinkedQueue<String> breaker = new ConcurrentLinkedQueue<>();
  private final AtomicInteger deadLetters = new AtomicInteger();
  private final ReentrantLock lock = new ReentrantLock();
  private final LinkedHashSet<String> runIds = new LinkedHashSet<>();
  private Instant first;
  private Instant last;

  /**
   * @param synthetic true to label the run synthetic whatever its calls were; false to label it
   *     from the calls actually made (a run is synthetic when any call was)
   */
  public TraceRecorder(String title, TimeSource time, boolean synthetic) {
    this.title = title;
    this.time = time;
    this.synthetic = synthetic;
  }

  private void seen(Instant at) {
    lock.lock();
    try {
      if (first == null || at.isBefore(first)) {
        first = at;
      }
      if (last == null || at.isAfter(last)) {
        last = at;
      }
    } finally {
      lock.unlock();
    }
  }

  @Override
  public void runStart(String runId, String label, int tasks) {
    lock.lock();
    try {
      runIds.add(runId);
    } finally {
      lock.unlock();
    }
    seen(time.now());
  }

  @Override
  public void runEnd(String runId, io.chorus.core.RunResult<?> result) {
    seen(result.endedAt() != null ? result.endedAt() : time.now());
  }

  @Override
  public void rateLimitWaitStart(CallEvent call, ModelId model, String bucket, Duration expected) {
    waitStart.put(call.callId(), call.at());
  }

  @Override
  public void rateLimitWaitEnd(CallEvent call, ModelId model, Duration waited) {
    Instant start = waitStart.remove(call.callId());
    Instant end = call.at();
    if (start == null) {
      start = end.minus(waited);
    }
    waits
        .computeIfAbsent(call.callId(), k -> new ArrayList<>())
        .add(new CallRecord.Interval(start, end));
  }

  @Override
  public void cacheHit(CallEvent call) {
    cacheHits.put(call.callId(), Boolean.TRUE);
  }

  @Override
  public void breakerTransition(ModelId model, BreakerState from, BreakerState to) {
    breaker.add(time.now() + " " + model + " " + from + "->" + to);
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    deadLetters.incrementAndGet();
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    var tl = outcome.timeline();
    List<CallRecord.Interval> w = waits.remove(call.callId());
    calls.add(
        CallRecord.of(
            call, outcome, w == null ? List.of() : w, cacheHits.remove(call.callId()) != null));
    seen(tl.queuedAt());
    seen(tl.endedAt());
  }

  /** What has been recorded so far. */
  public RunTrace trace() {
    lock.lock();
    try {
      List<CallRecord> recorded = new ArrayList<>(calls);
      return new RunTrace(
          title,
          new ArrayList<>(runIds),
          first,
          last,
          recorded,
          new ArrayList<>(breaker),
          deadLetters.get(),
          synthetic || recorded.stream().anyMatch(CallRecord::synthetic));
    } finally {
      lock.unlock();
    }
  }
}
