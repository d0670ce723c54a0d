package io.chorus.sim;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How one simulated model behaves: latency, streaming speed, rate limits, faults, and whether it
 * returns xAI-style {@code reasoning_content}. Immutable; build with {@link #builder()}.
 *
 * <p>Latency: a streaming response sends its headers and opening event at once, its first token
 * after {@code ttftMillis}, then further tokens at {@code tokensPerSecond} (0 = all at once). A
 * non-streaming response is sent after the same total time.
 *
 * @param ttftMillis time to first token, milliseconds
 * @param tokensPerSecond streaming speed after the first token; 0 means no delay
 * @param rateLimits per-key buckets for this model (a key's own limits, if configured, win)
 * @param faults faults that apply to this model's requests
 * @param reasoning whether OpenAI-protocol responses carry {@code reasoning_content} (as xAI's do);
 *     reasoning tokens are reported in {@code completion_tokens_details.reasoning_tokens} and
 *     excluded from {@code completion_tokens}
 * @param minCacheTokens the shortest prompt prefix, in tokens, that Anthropic caching will store
 */
public record ModelBehaviour(
    Distribution ttftMillis,
    Distribution tokensPerSecond,
    RateLimits rateLimits,
    List<FaultRule> faults,
    boolean reasoning,
    long minCacheTokens) {

  public ModelBehaviour {
    Objects.requireNonNull(ttftMillis, "ttftMillis");
    Objects.requireNonNull(tokensPerSecond, "tokensPerSecond");
    Objects.requireNonNull(rateLimits, "rateLimits");
    faults = List.copyOf(faults);
    if (minCacheTokens < 0) {
      throw new IllegalArgumentException("minCacheTokens must not be negative");
    }
  }

  /** No latency at all: for throughput benchmarks and fast tests. */
  public static final ModelBehaviour INSTANT =
      builder().ttft(Distribution.ZERO).tokensPerSecond(Distribution.ZERO).build();

  /**
   * A builder starting from 20 ms to first token and 1,000 tokens/s, generous limits, no faults.
   */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this behaviour. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.ttft = ttftMillis;
    b.tps = tokensPerSecond;
    b.rateLimits = rateLimits;
    b.faults.addAll(faults);
    b.reasoning = reasoning;
    b.minCacheTokens = minCacheTokens;
    return b;
  }

  /** Builds a {@link ModelBehaviour}. Not thread-safe. */
  public static final class Builder {
    private Distribution ttft = Distribution.fixed(20);
    private Distribution tps = Distribution.fixed(1000);
    private RateLimits rateLimits = RateLimits.GENEROUS;
    private final List<FaultRule> faults = new ArrayList<>();
    private boolean reasoning;
    private long minCacheTokens;

    private Builder() {}

    /** Time to first token, in milliseconds. */
    public Builder ttft(Distribution millis) {
      this.ttft = Objects.requireNonNull(millis, "ttft");
      return this;
    }

    /** A fixed time to first token. */
    public Builder ttft(Duration fixed) {
      return ttft(Distribution.fixed(fixed));
    }

    /** Streaming speed in tokens per second; 0 for no delay. */
    public Builder tokensPerSecond(Distribution rate) {
      this.tps = Objects.requireNonNull(rate, "tokensPerSecond");
      return this;
    }

    /** A fixed streaming speed. */
    public Builder tokensPerSecond(double rate) {
      return tokensPerSecond(Distribution.fixed(rate));
    }

    public Builder rateLimits(RateLimits limits) {
      this.rateLimits = Objects.requireNonNull(limits, "rateLimits");
      return this;
    }

    /** Adds a fault for this model's requests. */
    public Builder fault(FaultRule rule) {
      faults.add(Objects.requireNonNull(rule, "fault"));
      return this;
    }

    /** Removes all faults added so far. */
    public Builder clearFaults() {
      faults.clear();
      return this;
    }

    public Builder reasoning(boolean value) {
      this.reasoning = value;
      return this;
    }

    public Builder minCacheTokens(long value) {
      this.minCacheTokens = value;
      return this;
    }

    public ModelBehaviour build() {
      return new ModelBehaviour(ttft, tps, rateLimits, faults, reasoning, minCacheTokens);
    }
  }
}
