package io.chorus.observe;

import io.chorus.core.CallEvent;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Which run a nested run was started from. The engine runs a task's body on the thread that
 * reported the task's {@code callAdmitted}, and a pattern nested in a task (a vote inside a
 * section, a voter's {@code engine.call}) starts its run on that same thread; so the run that
 * starts on a thread while a task of run R is admitted there is a child of R. A run started
 * anywhere else (a caller's own thread) is a top-level run: two votes run side by side by a server
 * stay two trees.
 *
 * <p>Feed it {@link #taskAdmitted} and {@link #callEnded} from an {@link
 * io.chorus.core.EngineListener}; thread-safe.
 */
final class RunNesting {

  /** A task that is running on a thread. */
  record TaskRef(String runId, String callId) {}

  private final Map<Thread, TaskRef> onThread = new ConcurrentHashMap<>();
  private final Map<String, Thread> threadOf = new ConcurrentHashMap<>();

  /** A task (not an LLM call) was admitted: its body runs on the current thread from now on. */
  void taskAdmitted(CallEvent task) {
    if (task.request() != null) {
      return;
    }
    Thread t = Thread.currentThread();
    onThread.put(t, new TaskRef(task.runId(), task.callId()));
    threadOf.put(task.callId(), t);
  }

  /** A call or task ended: its thread no longer runs it. */
  void callEnded(CallEvent call) {
    if (call.request() != null) {
      return;
    }
    Thread t = threadOf.remove(call.callId());
    if (t != null) {
      onThread.computeIfPresent(t, (k, v) -> v.callId().equals(call.callId()) ? null : v);
    }
  }

  /** The task whose body is running on the current thread, or null on a thread of no task. */
  @Nullable TaskRef current() {
    return onThread.get(Thread.currentThread());
  }
}
