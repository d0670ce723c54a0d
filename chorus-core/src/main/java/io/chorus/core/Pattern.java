package io.chorus.core;

/**
 * A pattern (sectioning, voting, translation, deliberation, security review, an agent run, or a
 * nesting of them) that runs its calls through the {@link Engine} given to {@link #run}. A pattern
 * holds what to do, never the engine that does it, so any pattern can be a step of another: a
 * vote's voter or a sectioning's section can be a deliberation or a review, and {@link #asTask()}
 * turns a pattern into an engine {@link Task}, so a nested pattern shares the engine's global
 * limits instead of multiplying them.
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
