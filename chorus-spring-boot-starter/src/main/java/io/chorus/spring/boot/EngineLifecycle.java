package io.chorus.spring.boot;

import io.chorus.core.Engine;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.context.SmartLifecycle;

/**
 * Wires {@link Engine#shutdown(Duration)} to the application context: stopping the context stops
 * admitting calls and gives the calls in flight the grace to finish; the engine is closed after
 * that, with its bean. Runs in a late phase so that web servers stop taking requests first.
 */
final class EngineLifecycle implements SmartLifecycle {
  private final Engine engine;
  private final Duration grace;
  private final AtomicBoolean running = new AtomicBoolean();

  EngineLifecycle(Engine engine, Duration grace) {
    this.engine = engine;
    this.grace = grace;
  }

  @Override
  public void start() {
    running.set(true);
  }

  @Override
  public void stop() {
    if (running.getAndSet(false)) {
      engine.shutdown(grace);
    }
  }

  @Override
  public boolean isRunning() {
    return running.get();
  }

  @Override
  public int getPhase() {
    // stopped after the web server's graceful shutdown (MAX - 1024) and stop (MAX - 2048) phases
    return Integer.MAX_VALUE - 4096;
  }
}
