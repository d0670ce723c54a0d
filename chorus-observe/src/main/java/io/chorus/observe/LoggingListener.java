package io.chorus.observe;

import io.chorus.core.Attempt;
import io.chorus.core.BreakerState;
import io.chorus.core.CallEvent;
import io.chorus.core.DeadLetter;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RunResult;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Logs engine events through SLF4J with the run and call correlation ids in the MDC ({@code run},
 * {@code call}), so that every line of a call can be found with one grep. Calls are logged at debug
 * level, failures and dead letters at warn. Never logs prompts, answers or keys.
 */
public final class LoggingListener implements EngineListener {

  private static final Logger LOG = LoggerFactory.getLogger("io.chorus.run");

  private static void with(CallEvent call, Runnable r) {
    MDC.put("run", call.runId());
    MDC.put("call", call.callId());
    try {
      r.run();
    } finally {
      MDC.remove("run");
      MDC.remove("call");
    }
  }

  @Override
  public void runStart(String runId, String label, int tasks) {
    MDC.put("run", runId);
    try {
      LOG.info("run started: {} task(s){}", tasks, label == null ? "" : " [" + label + "]");
    } finally {
      MDC.remove("run");
    }
  }

  @Override
  public void runEnd(String runId, RunResult<?> result) {
    MDC.put("run", runId);
    try {
      LOG.info(
          "run ended in {} ms: {} succeeded, {} did not{}",
          result.elapsed().toMillis(),
          result.successes().size(),
          result.failures().size(),
          result.failed() ? "; run failed: " + result.failure() : "");
    } finally {
      MDC.remove("run");
    }
  }

  @Override
  public void callQueued(CallEvent call) {
    if (LOG.isDebugEnabled()) {
      with(
          call,
          () -> LOG.debug("queued {}", call.request() == null ? "task" : call.request().model()));
    }
  }

  @Override
  public void attemptStart(CallEvent call, int attempt, Attempt.Kind kind, ModelId model) {
    if (LOG.isDebugEnabled()) {
      with(call, () -> LOG.debug("attempt {} ({}) to {}", attempt, kind, model));
    }
  }

  @Override
  public void rateLimitWaitStart(CallEvent call, ModelId model, String bucket, Duration expected) {
    if (LOG.isDebugEnabled()) {
      with(
          call,
          () ->
              LOG.debug(
                  "waiting for the {} bucket of {} (about {} ms)",
                  bucket,
                  model,
                  expected.toMillis()));
    }
  }

  @Override
  public void retryScheduled(CallEvent call, int nextAttempt, Duration delay, String errorKind) {
    with(
        call,
        () -> LOG.info("retry {} in {} ms after {}", nextAttempt, delay.toMillis(), errorKind));
  }

  @Override
  public void hedgeLaunched(CallEvent call, int attempt, ModelId model) {
    with(call, () -> LOG.info("hedge attempt {} to {}", attempt, model));
  }

  @Override
  public void fallback(CallEvent call, ModelId from, ModelId to, String reason) {
    with(call, () -> LOG.info("falling back from {} to {}: {}", from, to, reason));
  }

  @Override
  public void cacheHit(CallEvent call) {
    if (LOG.isDebugEnabled()) {
      with(call, () -> LOG.debug("answered from the response cache"));
    }
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    with(
        call,
        () -> {
          if (outcome.isSuccess()) {
            LOG.debug(
                "ended: success in {} ms, {} tokens",
                outcome.timeline().elapsed().toMillis(),
                outcome.timeline().usage().totalTokens());
          } else {
            LOG.warn(
                "ended: {} after {} attempt(s): {}",
                outcome.errorKind(),
                outcome.timeline().attempts().size(),
                outcome.errorMessage());
          }
        });
  }

  @Override
  public void breakerTransition(ModelId model, BreakerState from, BreakerState to) {
    LOG.warn("circuit breaker of {}: {} -> {}", model, from, to);
  }

  @Override
  public void deadLetter(DeadLetter letter) {
    MDC.put("run", letter.runId());
    MDC.put("call", letter.callId());
    try {
      LOG.warn("dead letter: {} {}", letter.errorKind(), letter.message());
    } finally {
      MDC.remove("run");
      MDC.remove("call");
    }
  }
}
