package io.chorus.core;

/**
 * A unit of work in a fan-out: usually one or more engine calls, possibly a whole nested pattern.
 * Runs on its own virtual thread. A task that is cancelled sees its thread interrupted.
 *
 * @param <T> what it produces
 */
@FunctionalInterface
public interface Task<T> {
  T run(TaskContext context) throws Exception;
}
