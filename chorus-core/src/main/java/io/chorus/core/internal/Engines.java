package io.chorus.core.internal;

import io.chorus.core.Engine;
import io.chorus.core.EngineConfig;

/**
 * How {@link Engine.Builder#build()} reaches the engine, whose class stays package-private. Not an
 * API: build engines with {@link Engine#builder()}.
 */
public final class Engines {
  private Engines() {}

  /** The engine for a validated configuration (see {@link Engine.Builder#toConfig()}). */
  public static Engine open(EngineConfig config) {
    return new RealEngine(config);
  }
}
