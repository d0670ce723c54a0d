package io.chorus.core.internal;

import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.DeadLetter;
import io.chorus.core.Engine;
import io.chorus.core.EngineConfig;
import io.chorus.core.Outcome;
import io.chorus.core.RunOptions;
import io.chorus.core.RunResult;
import io.chorus.core.Task;
import java.util.List;

/** PLACEHOLDER: the engine implementation is being written (issue 2). */
public final class RealEngine implements Engine {
  private final EngineConfig config;

  public RealEngine(EngineConfig config) {
    this.config = config;
  }

  @Override
  public Outcome<ChatResponse> call(ChatRequest request, CallOptions options) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public RunResult<ChatResponse> callAll(List<ChatRequest> requests, RunOptions options) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public <T> RunResult<T> run(List<? extends Task<T>> tasks, RunOptions options) {
    throw new UnsupportedOperationException("not yet");
  }

  @Override
  public List<DeadLetter> deadLetters() {
    return List.of();
  }

  @Override
  public EngineConfig config() {
    return config;
  }

  @Override
  public boolean isClosed() {
    return false;
  }

  @Override
  public void close() {}
}
