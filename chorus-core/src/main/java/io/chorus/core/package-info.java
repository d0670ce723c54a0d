/**
 * The Chorus engine: runs many LLM calls at once under bounded concurrency, rate limits in requests
 * and tokens, retries, deadlines, circuit breakers, fallbacks, hedging and failure policies, and
 * reports every call as an {@link io.chorus.core.Outcome}.
 *
 * <p>Entry point: {@link io.chorus.core.Engine#builder()}. Providers plug in through the {@link
 * io.chorus.core.Provider} SPI. Everything under {@code io.chorus.core.internal} is implementation
 * and may change without notice.
 *
 * <p>Tunables, documented in one place: {@link io.chorus.core.RetryPolicy} (retries, backoff,
 * retry-after cap, retry budget), {@link io.chorus.core.Timeouts} (attempt, call, run, time to
 * first token, idle), {@link io.chorus.core.Limits} (concurrency, requests and tokens per minute),
 * {@link io.chorus.core.CircuitBreakerPolicy}, {@link io.chorus.core.HedgePolicy}, {@link
 * io.chorus.core.FallbackChain} and {@link io.chorus.core.FailurePolicy}.
 *
 * <p>Ready-made parts: {@link io.chorus.core.InMemoryResponseCache} (LRU response cache) and {@link
 * io.chorus.core.JsonlDeadLetterSink} (dead letters as JSON lines). Test doubles (fake clock, fake
 * provider, event recorder) live in the {@code chorus-testing} module.
 *
 * <p>Every type here is {@link org.jspecify.annotations.NullMarked @NullMarked}: a parameter, field
 * or result may be null only where it is marked {@link
 * org.jspecify.annotations.Nullable @Nullable}. Policies are never "null for the default and no way
 * to say off": each has an explicit off value ({@code NONE}).
 */
@NullMarked
package io.chorus.core;

import org.jspecify.annotations.NullMarked;
