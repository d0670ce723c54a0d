package io.chorus.core;

import java.util.Objects;

/**
 * One policy of a call ({@link CallOptions}): either {@link #inherit()} — the engine's policy for
 * the call's model (model over provider over the engine's defaults) — or a value of the call's own,
 * which may be that policy's off value ({@link HedgePolicy#NONE}, {@link RetryPolicy#NONE}, {@link
 * FallbackChain#NONE}). Never null, so "not set" and "off" cannot be confused.
 *
 * @param <T> the policy's type
 */
public sealed interface Setting<T> {

  /** The engine's policy for the call's model. */
  @SuppressWarnings("unchecked")
  static <T> Setting<T> inherit() {
    return (Setting<T>) Inherit.INSTANCE;
  }

  /**
   * The call's own policy; {@code value} must not be null (use the policy's off value for none).
   */
  static <T> Setting<T> of(T value) {
    return new Given<>(Objects.requireNonNull(value, "a call's policy (use inherit() or NONE)"));
  }

  /** This setting's value, or {@code inherited} when it inherits. */
  T or(T inherited);

  /** Whether it inherits the engine's policy. */
  default boolean inherits() {
    return this instanceof Inherit;
  }

  /** Inherits the engine's policy. */
  @SuppressWarnings("rawtypes")
  final class Inherit<T> implements Setting<T> {
    private static final Inherit INSTANCE = new Inherit();

    private Inherit() {}

    @Override
    public T or(T inherited) {
      return inherited;
    }

    @Override
    public String toString() {
      return "inherit";
    }
  }

  /**
   * The call's own policy.
   *
   * @param value the policy (never null)
   */
  record Given<T>(T value) implements Setting<T> {
    public Given {
      Objects.requireNonNull(value, "value");
    }

    @Override
    public T or(T inherited) {
      return value;
    }
  }
}
