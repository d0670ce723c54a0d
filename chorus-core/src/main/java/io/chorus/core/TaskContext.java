package io.chorus.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * What a running {@link Task} knows about its place in a run. Calls made through {@link #engine()}
 * inside the task inherit the run's deadline.
 *
 * @param runId the run's correlation id
 * @param index the task's position in submission order
 * @param deadline the run's deadline, or null for none
 * @param engine the engine running it, for nested calls and runs
 */
public record TaskContext(String runId, int index, @Nullable Instant deadline, Engine engine) {

  /** {@code runId/index}, the id used in logs and events. */
  public String callId() {
    return runId + "/" + index;
  }
}
