package io.chorus.core;

import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One call of a fan-out ({@link Engine#callAll}): its request and its own options, so that calls of
 * one fan-out can differ in fallback chain, hedge, timeouts, retry, priority or streaming.
 *
 * @param request what to send
 * @param options this call's options, or null for the run's ({@link RunOptions#callOptions()})
 */
public record Call(ChatRequest request, @Nullable CallOptions options) {

  public Call {
    Objects.requireNonNull(request, "request");
  }

  /** A call with the run's options. */
  public static Call of(ChatRequest request) {
    return new Call(request, null);
  }

  public static Call of(ChatRequest request, CallOptions options) {
    return new Call(request, Objects.requireNonNull(options, "options"));
  }

  /** One call per request, each with the run's options, in the same order. */
  public static List<Call> all(List<ChatRequest> requests) {
    return requests.stream().map(Call::of).toList();
  }
}
