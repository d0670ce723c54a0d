package io.chorus.patterns;

import io.chorus.core.Engine;
import io.chorus.core.Task;

/**
 * A parallel pattern (sectioning, voting, or a nesting of them) that runs its calls through an
 * {@link Engine}. Any pattern can be a step of another: {@link #asTask()} turns it into an engine
 * {@link Task}, so a nested pattern shares the engine's global limits instead of multiplying them.
 *
 * <p>Implementations are immutable and thread-safe; {@link #run} may be called many times, also
 * concurrently.
 *
 * @param <R> what one run produces
 */
public interface Pattern<R extends PatternResult> {

  /** A short human name for reports and progress (e.g. {@code moderation}, {@code French}). */
  String name();

  /**
   * Runs the pattern to completion. Provider failures never throw: they are reported inside the
   * result, per voter or section, with their cause.
   */
  R run(Engine engine);

  /** This pattern as an engine task; nested calls go through the same engine and its limits. */
  default Task<R> asTask() {
    return context -> run(context.engine());
  }
}
