package io.chorus.bench;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Provider;
import io.chorus.core.StopReason;
import io.chorus.core.StreamObserver;
import io.chorus.core.Usage;
import java.time.Duration;

/**
 * A zero-latency in-memory transport that answers every request at once with a constant response,
 * so that what a benchmark measures is the engine alone. Unlike the test kit's FakeProvider it
 * records nothing (recording would be the cost measured). Thread-safe and stateless.
 */
final class InstantProvider implements Provider {
  private final String name;

  InstantProvider(String name) {
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public ChatResponse call(ChatRequest request, CallContext context) {
    return new ChatResponse(
        "ok",
        StopReason.END_TURN,
        Usage.of(8, 1),
        request.model(),
        null,
        Duration.ZERO,
        null,
        null,
        null,
        true);
  }

  @Override
  public ChatResponse stream(ChatRequest request, CallContext context, StreamObserver observer) {
    observer.onText("ok");
    return call(request, context);
  }

  @Override
  public void close() {}
}
