package io.chorus.core.internal;

import io.chorus.core.Attempt;
import io.chorus.core.BreakerState;
import io.chorus.core.CallEvent;
import io.chorus.core.DeadLetter;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RunResult;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends events to every listener in order; a listener that throws is logged and skipped. */
final class Events {
  private static final Logger log = LoggerFactory.getLogger(Events.class);
  private final EngineListener[] listeners;

  Events(List<EngineListener> listeners) {
    this.listeners = listeners.toArray(EngineListener[]::new);
  }

  boolean any() {
    return listeners.length > 0;
  }

  private void each(Consumer<EngineListener> event) {
    for (EngineListener l : listeners) {
      try {
        event.accept(l);
      } catch (RuntimeException e) {
        log.warn("engine listener {} threw; ignored", l.getClass().getName(), e);
      }
    }
  }

  void runStart(String runId, String label, int tasks) {
    each(l -> l.runStart(runId, label, tasks));
  }

  void runEnd(String runId, RunResult<?> result) {
    each(l -> l.runEnd(runId, result));
  }

  void callQueued(CallEvent c) {
    each(l -> l.callQueued(c));
  }

  void callAdmitted(CallEvent c) {
    each(l -> l.callAdmitted(c));
  }

  void rateLimitWaitStart(CallEvent c, ModelId m, String bucket, Duration expected) {
    each(l -> l.rateLimitWaitStart(c, m, bucket, expected));
  }

  void rateLimitWaitEnd(CallEvent c, ModelId m, Duration waited) {
    each(l -> l.rateLimitWaitEnd(c, m, waited));
  }

  void attemptStart(CallEvent c, int attempt, Attempt.Kind kind, ModelId m) {
    each(l -> l.attemptStart(c, attempt, kind, m));
  }

  void firstToken(CallEvent c, int attempt) {
    each(l -> l.firstToken(c, attempt));
  }

  void attemptEnd(CallEvent c, Attempt a) {
    each(l -> l.attemptEnd(c, a));
  }

  void retryScheduled(CallEvent c, int next, Duration delay, String kind) {
    each(l -> l.retryScheduled(c, next, delay, kind));
  }

  void hedgeLaunched(CallEvent c, int attempt, ModelId m) {
    each(l -> l.hedgeLaunched(c, attempt, m));
  }

  void fallback(CallEvent c, ModelId from, ModelId to, String reason) {
    each(l -> l.fallback(c, from, to, reason));
  }

  void cacheHit(CallEvent c) {
    each(l -> l.cacheHit(c));
  }

  void callEnd(CallEvent c, Outcome<?> o) {
    each(l -> l.callEnd(c, o));
  }

  void breakerTransition(ModelId m, BreakerState from, BreakerState to) {
    each(l -> l.breakerTransition(m, from, to));
  }

  void deadLetter(DeadLetter d) {
    each(l -> l.deadLetter(d));
  }
}
