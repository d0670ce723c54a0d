package io.chorus.sim;

import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * When to inject a fault: at random with {@code rate}, and/or on given request numbers. Requests
 * are numbered per rule from 1, counting only the requests the rule's filters match (so "the 3rd
 * request for model X" is {@code FaultRule.on(kind, 3).forModel("X")}). Immutable.
 *
 * @param kind what happens
 * @param rate probability in [0, 1] that a matching request gets the fault
 * @param onRequests 1-based numbers of matching requests that always get the fault
 * @param model only requests for this model name, or null for any model
 * @param stream only streaming (true) or non-streaming (false) requests, or null for both
 * @param shouldRetry value of the {@code x-should-retry} header, or null to omit it
 * @param retryAfter the {@code retry-after} sent with a {@link FaultKind#RATE_LIMIT} fault
 * @param retryAfterHeader how a {@link FaultKind#RATE_LIMIT} fault says it: {@code both} (the
 *     default: {@code retry-after} in seconds and {@code retry-after-ms}), {@code seconds}, {@code
 *     ms}, {@code date} (an HTTP date) or {@code none}
 */
public record FaultRule(
    FaultKind kind,
    double rate,
    Set<Long> onRequests,
    @Nullable String model,
    @Nullable Boolean stream,
    @Nullable Boolean shouldRetry,
    Duration retryAfter,
    String retryAfterHeader) {

  /** The ways a rate-limit fault can state its wait. */
  public static final Set<String> RETRY_AFTER_HEADERS =
      Set.of("both", "seconds", "ms", "date", "none");

  public FaultRule(
      FaultKind kind,
      double rate,
      Set<Long> onRequests,
      String model,
      Boolean stream,
      Boolean shouldRetry,
      Duration retryAfter) {
    this(kind, rate, onRequests, model, stream, shouldRetry, retryAfter, "both");
  }

  public FaultRule {
    Objects.requireNonNull(kind, "kind");
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          "fault " + kind.configName() + ": rate must be in [0, 1], was " + rate);
    }
    onRequests = Set.copyOf(onRequests == null ? Set.of() : onRequests);
    for (long n : onRequests) {
      if (n < 1) {
        throw new IllegalArgumentException(
            "fault " + kind.configName() + ": request numbers start at 1, was " + n);
      }
    }
    if (retryAfter == null) {
      retryAfter = Duration.ofSeconds(1);
    }
    if (retryAfter.isNegative()) {
      throw new IllegalArgumentException(
          "fault " + kind.configName() + ": retryAfter must not be negative");
    }
    if (retryAfterHeader == null) {
      retryAfterHeader = "both";
    }
    if (!RETRY_AFTER_HEADERS.contains(retryAfterHeader)) {
      throw new IllegalArgumentException(
          "fault "
              + kind.configName()
              + ": retryAfterHeader must be one of "
              + new java.util.TreeSet<>(RETRY_AFTER_HEADERS)
              + ", was '"
              + retryAfterHeader
              + "'");
    }
  }

  /** The fault on a random fraction {@code rate} of requests. */
  public static FaultRule rate(FaultKind kind, double rate) {
    return new FaultRule(kind, rate, Set.of(), null, null, null, null);
  }

  /** The fault on every matching request. */
  public static FaultRule always(FaultKind kind) {
    return rate(kind, 1.0);
  }

  /** The fault on the given matching requests (1-based), e.g. {@code on(SERVER_ERROR, 3)}. */
  public static FaultRule on(FaultKind kind, long... requestNumbers) {
    Set<Long> set = new java.util.HashSet<>();
    for (long n : requestNumbers) {
      set.add(n);
    }
    return new FaultRule(kind, 0, set, null, null, null, null);
  }

  /** This rule restricted to one model. */
  public FaultRule forModel(String modelName) {
    return new FaultRule(
        kind, rate, onRequests, modelName, stream, shouldRetry, retryAfter, retryAfterHeader);
  }

  /** This rule restricted to streaming (true) or non-streaming (false) requests. */
  public FaultRule forStreaming(boolean streaming) {
    return new FaultRule(
        kind, rate, onRequests, model, streaming, shouldRetry, retryAfter, retryAfterHeader);
  }

  /** This rule sending {@code x-should-retry: true|false}. */
  public FaultRule withShouldRetry(boolean value) {
    return new FaultRule(
        kind, rate, onRequests, model, stream, value, retryAfter, retryAfterHeader);
  }

  /** This rule with a different {@code retry-after}. */
  public FaultRule withRetryAfter(Duration value) {
    return new FaultRule(
        kind, rate, onRequests, model, stream, shouldRetry, value, retryAfterHeader);
  }

  /** This rule stating its wait only as {@code header}: seconds, ms, date, none (or both). */
  public FaultRule withRetryAfterHeader(String header) {
    return new FaultRule(kind, rate, onRequests, model, stream, shouldRetry, retryAfter, header);
  }
}
