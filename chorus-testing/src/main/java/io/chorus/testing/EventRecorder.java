package io.chorus.testing;

import io.chorus.core.Attempt;
import io.chorus.core.BreakerState;
import io.chorus.core.CallEvent;
import io.chorus.core.DeadLetter;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RunResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EngineListener} that records every event in arrival order, for assertions. {@link
 * #assertPaired()} checks the listener contract: every start has exactly one end, properly nested.
 *
 * <p>Thread-safe.
 */
public final class EventRecorder implements EngineListener {

  /**
   * One recorded event.
   *
   * @param type the listener method's name, e.g. {@code attemptStart}
   * @param runId the run, or null for breaker transitions
   * @param callId the call, or null for run and breaker events
   * @param attempt the attempt number where the event has one, else 0
   * @param detail a short description (kind, model, reason, outcome type...)
   * @param payload the event's main object (Attempt, Outcome, RunResult, DeadLetter...) or null
   */
  public record Event(
      String type,
      @Nullable String runId,
      @Nullable String callId,
      int attempt,
      String detail,
      @Nullable Object payload) {}

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition added = lock.newCondition();
  private final List<Event> events = new ArrayList<>();

  private void add(Event e) {
    lock.lock();
    try {
      events.add(e);
      added.signalAll();
    } finally {
      lock.unlock();
    }
  }

  private void add(String type, CallEvent c, int attempt, String detail, Object payload) {
    add(new Event(type, c.runId(), c.callId(), attempt, detail, payload));
  }

  @Override
  public void runStart(String runId, String label, int tasks) {
    add(new Event("runStart", runId, null, 0, label + "/" + tasks, null));
  }

  @Override
  public void runEnd(String runId, RunResult<?> result) {
    add(new Event("runEnd", runId, null, 0, result.failure(), result));
  }

  @Override
  public void callQueued(CallEvent call) {
    add("callQueued", call, 0, null, call);
  }

  @Override
  public void callAdmitted(CallEvent call) {
    add("callAdmitted", call, 0, null, call);
  }

  @Override
  public void rateLimitWaitStart(CallEvent call, ModelId model, String bucket, Duration expected) {
    add("rateLimitWaitStart", call, 0, bucket, expected);
  }

  @Override
  public void rateLimitWaitEnd(CallEvent call, ModelId model, Duration waited) {
    add("rateLimitWaitEnd", call, 0, model.toString(), waited);
  }

  @Override
  public void attemptStart(CallEvent call, int attempt, Attempt.Kind kind, ModelId model) {
    add("attemptStart", call, attempt, kind + " " + model, kind);
  }

  @Override
  public void firstToken(CallEvent call, int attempt) {
    add("firstToken", call, attempt, null, null);
  }

  @Override
  public void attemptEnd(CallEvent call, Attempt attempt) {
    add(
        "attemptEnd",
        call,
        attempt.number(),
        attempt.result() + " " + attempt.errorKind(),
        attempt);
  }

  @Override
  public void retryScheduled(CallEvent call, int nextAttempt, Duration delay, String errorKind) {
    add("retryScheduled", call, nextAttempt, errorKind, delay);
  }

  @Override
  public void hedgeLaunched(CallEvent call, int attempt, ModelId model) {
    add("hedgeLaunched", call, attempt, model.toString(), model);
  }

  @Override
  public void fallback(CallEvent call, ModelId from, ModelId to, String reason) {
    add("fallback", call, 0, from + " -> " + to + " (" + reason + ")", to);
  }

  @Override
  public void cacheHit(CallEvent call) {
    add("cacheHit", call, 0, null, null);
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    add("callEnd", call, 0, outcome.getClass().getSimpleName(), outcome);
  }

  @Override
  public void breakerTransition(ModelId model, BreakerState from, BreakerState to) {
    add(new Event("breakerTransition", null, null, 0, model + " " + from + " -> " + to, to));
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    add(new Event("deadLetter", letter.runId(), letter.callId(), 0, letter.errorKind(), letter));
  }

  /** Every event so far, in arrival order. */
  public List<Event> events() {
    lock.lock();
    try {
      return List.copyOf(events);
    } finally {
      lock.unlock();
    }
  }

  /** The events of one type, in arrival order. */
  public List<Event> events(String type) {
    return events().stream().filter(e -> e.type().equals(type)).toList();
  }

  public long count(String type) {
    return events(type).size();
  }

  /** The types of every event of one call, in order. */
  public List<String> typesOf(String callId) {
    return events().stream().filter(e -> callId.equals(e.callId())).map(Event::type).toList();
  }

  public void clear() {
    lock.lock();
    try {
      events.clear();
    } finally {
      lock.unlock();
    }
  }

  /** Waits until at least {@code n} events of {@code type} were recorded; false on timeout. */
  public boolean await(String type, int n, Duration timeout) throws InterruptedException {
    long end = System.nanoTime() + timeout.toNanos();
    lock.lock();
    try {
      while (events.stream().filter(e -> e.type().equals(type)).count() < n) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        added.awaitNanos(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
      }
      return true;
    } finally {
      lock.unlock();
    }
  }

  /**
   * Checks the listener contract over everything recorded: each runStart has one runEnd after it;
   * each callQueued has exactly one callEnd after it, inside its run; each attemptStart has one
   * attemptEnd (same call and number) before the call's end; rate-limit waits pair up; admitted at
   * most once per call.
   *
   * @throws AssertionError describing the first violation
   */
  public void assertPaired() {
    List<Event> all = events();
    Map<String, Integer> runs = new HashMap<>();
    Map<String, Integer> calls = new HashMap<>();
    Map<String, Integer> openCallsPerRun = new HashMap<>();
    Map<String, Integer> admitted = new HashMap<>();
    Map<String, Integer> attempts = new HashMap<>();
    Map<String, Integer> openAttemptsPerCall = new HashMap<>();
    Map<String, Integer> waits = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      Event e = all.get(i);
      String at = " (event " + i + ": " + e + ")";
      switch (e.type()) {
        case "runStart" -> {
          if (runs.put(e.runId(), 1) != null) {
            throw new AssertionError("run started twice" + at);
          }
        }
        case "runEnd" -> {
          if (!Integer.valueOf(1).equals(runs.put(e.runId(), 2))) {
            throw new AssertionError("runEnd without runStart, or twice" + at);
          }
          if (openCallsPerRun.getOrDefault(e.runId(), 0) != 0) {
            throw new AssertionError(
                "run ended while "
                    + openCallsPerRun.get(e.runId())
                    + " of its calls were open"
                    + at);
          }
        }
        case "callQueued" -> {
          requireOpenRun(runs, e, at);
          if (calls.put(e.callId(), 1) != null) {
            throw new AssertionError("call queued twice" + at);
          }
          openCallsPerRun.merge(e.runId(), 1, Integer::sum);
        }
        case "callAdmitted" -> {
          requireOpenCall(calls, e, at);
          if (admitted.merge(e.callId(), 1, Integer::sum) > 1) {
            throw new AssertionError("call admitted twice" + at);
          }
        }
        case "attemptStart" -> {
          requireOpenCall(calls, e, at);
          if (attempts.put(e.callId() + "#" + e.attempt(), 1) != null) {
            throw new AssertionError("attempt started twice" + at);
          }
          openAttemptsPerCall.merge(e.callId(), 1, Integer::sum);
        }
        case "attemptEnd" -> {
          if (!Integer.valueOf(1).equals(attempts.put(e.callId() + "#" + e.attempt(), 2))) {
            throw new AssertionError("attemptEnd without attemptStart, or twice" + at);
          }
          openAttemptsPerCall.merge(e.callId(), -1, Integer::sum);
        }
        case "rateLimitWaitStart" -> {
          requireOpenCall(calls, e, at);
          if (waits.merge(e.callId(), 1, Integer::sum) != 1) {
            throw new AssertionError("nested rate-limit waits" + at);
          }
        }
        case "rateLimitWaitEnd" -> {
          if (waits.merge(e.callId(), -1, Integer::sum) != 0) {
            throw new AssertionError("rateLimitWaitEnd without start" + at);
          }
        }
        case "callEnd" -> {
          if (!Integer.valueOf(1).equals(calls.put(e.callId(), 2))) {
            throw new AssertionError("callEnd without callQueued, or twice" + at);
          }
          openCallsPerRun.merge(e.runId(), -1, Integer::sum);
          if (openAttemptsPerCall.getOrDefault(e.callId(), 0) != 0) {
            throw new AssertionError("call ended while an attempt was open" + at);
          }
          if (waits.getOrDefault(e.callId(), 0) != 0) {
            throw new AssertionError("call ended inside a rate-limit wait" + at);
          }
        }
        default -> {}
      }
    }
    runs.forEach(
        (k, v) -> {
          if (v != 2) {
            throw new AssertionError("run " + k + " never ended");
          }
        });
    calls.forEach(
        (k, v) -> {
          if (v != 2) {
            throw new AssertionError("call " + k + " never ended");
          }
        });
    attempts.forEach(
        (k, v) -> {
          if (v != 2) {
            throw new AssertionError("attempt " + k + " never ended");
          }
        });
  }

  private static void requireOpenRun(Map<String, Integer> runs, Event e, String at) {
    if (!Integer.valueOf(1).equals(runs.get(e.runId()))) {
      throw new AssertionError(e.type() + " outside an open run" + at);
    }
  }

  private static void requireOpenCall(Map<String, Integer> calls, Event e, String at) {
    if (!Integer.valueOf(1).equals(calls.get(e.callId()))) {
      throw new AssertionError(e.type() + " outside an open call" + at);
    }
  }
}
