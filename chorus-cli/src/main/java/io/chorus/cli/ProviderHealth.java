package io.chorus.cli;

import io.chorus.core.CallEvent;
import io.chorus.core.CircuitOpenException;
import io.chorus.core.EngineListener;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether every call of a command failed because the provider cannot be used (bad key, quota,
 * unreachable, unusable responses), so that every command exits 4 for that, not only {@code ask}
 * (vote and batch exited 1). One per command; thread-safe and cheap (two counters per call).
 */
final class ProviderHealth implements EngineListener {
  private final AtomicInteger succeeded = new AtomicInteger();
  private final AtomicInteger unavailable = new AtomicInteger();
  private final AtomicInteger otherFailures = new AtomicInteger();
  private final AtomicReference<String> firstCause = new AtomicReference<>();

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    if (call.request() == null) {
      return; // a task (a voter, a round), not a provider call: its outcome is the pattern's
    }
    if (outcome.isSuccess()) {
      succeeded.incrementAndGet();
    } else if (outcome instanceof Outcome.Failure<?> f && unavailable(f.error())) {
      unavailable.incrementAndGet();
      firstCause.compareAndSet(null, f.error().getMessage());
    } else {
      otherFailures.incrementAndGet();
    }
  }

  /** True when calls were made and every one failed with a provider-unavailable error. */
  boolean everyCallUnavailable() {
    return unavailable.get() > 0 && succeeded.get() == 0 && otherFailures.get() == 0;
  }

  /** The first such failure's message, or null. */
  String cause() {
    return firstCause.get();
  }

  /**
   * Whether an error says the provider cannot be used at all (exit 4) rather than one call failed.
   */
  static boolean unavailable(Throwable error) {
    return switch (error) {
      case ProviderException pe -> unavailable(pe.error());
      case CircuitOpenException open ->
          !open.causes().isEmpty() && open.causes().stream().allMatch(ProviderHealth::unavailable);
      case null, default -> false;
    };
  }

  /** Bad key, no permission, quota gone, unreachable, or responses that cannot be used. */
  static boolean unavailable(ProviderError e) {
    return e instanceof ProviderError.Authentication
        || e instanceof ProviderError.PermissionDenied
        || e instanceof ProviderError.QuotaExhausted
        || e instanceof ProviderError.ConnectionFailed
        || e instanceof ProviderError.MalformedResponse
        || (e instanceof ProviderError.Timeout t && t.phase() == ProviderError.Phase.CONNECT);
  }

  /** For tests: the counts as "succeeded/unavailable/other". */
  @Override
  public String toString() {
    return List.of(succeeded.get(), unavailable.get(), otherFailures.get()).toString();
  }
}
