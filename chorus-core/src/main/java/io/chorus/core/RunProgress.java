package io.chorus.core;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A fan-out's outcomes so far, as a {@link FailurePolicy.StopCondition} sees them right after a
 * task finished. A view, valid only during that call: copy what must outlive it.
 *
 * @param outcomes one slot per submitted task in submission order; null for a task not finished
 * @param latest the index of the task that just finished
 * @param finished tasks finished so far, the latest included
 */
public record RunProgress(List<@Nullable Outcome<?>> outcomes, int latest, int finished) {

  /** Tasks submitted. */
  public int size() {
    return outcomes.size();
  }

  /** Tasks not finished yet. */
  public int pending() {
    return outcomes.size() - finished;
  }

  /** The outcome of the task that just finished. */
  public Outcome<?> latestOutcome() {
    Outcome<?> o = outcomes.get(latest);
    if (o == null) {
      throw new IllegalStateException("task " + latest + " has no outcome yet");
    }
    return o;
  }

  /** The successful value of task {@code index} if it is of {@code type}, else null. */
  public <V> @Nullable V value(int index, Class<V> type) {
    return outcomes.get(index) instanceof Outcome.Success<?> s && type.isInstance(s.value())
        ? type.cast(s.value())
        : null;
  }
}
