package io.chorus.core;

/**
 * Receives each outcome of an {@link Engine#stream} fan-out as its task completes.
 *
 * <p>Called on the finished task's own thread, concurrently for different tasks, and
 * <em>before</em> that task's slot is given to the next task: whatever the sink makes durable (a
 * journal row, an output line) is durable before more work is admitted in its place. A sink should
 * be quick; a sink that throws stops the stream from admitting more tasks (in-flight tasks still
 * finish and reach the sink) and its exception is rethrown by {@link Engine#stream}.
 *
 * @param <T> what each task produces
 */
@FunctionalInterface
public interface OutcomeSink<T> {

  /**
   * @param index the task's position in the order the stream's iterator produced it, from 0
   * @param outcome how it ended
   */
  void accept(long index, Outcome<T> outcome) throws Exception;
}
