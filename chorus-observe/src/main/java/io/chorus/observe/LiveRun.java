package io.chorus.observe;

import io.chorus.core.Attempt;
import io.chorus.core.CallEvent;
import io.chorus.core.EngineListener;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.RunResult;
import io.chorus.core.TimeSource;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.DoubleAdder;
import org.jspecify.annotations.Nullable;

/**
 * The live state of a process's runs, kept from engine events for {@link ControlEndpoint}: each
 * run's tasks that have no call of their own yet (queued in their pattern, or started and not
 * calling), its calls in flight and their state (queued, waiting on which bucket and for how long,
 * in flight since when, retrying after which error, hedged), the counts of calls done, in flight
 * and waiting, and the cost so far. Ended calls and runs are dropped at once, so memory stays
 * bounded by what is running. Thread-safe; every event is a map update.
 */
final class LiveRun implements EngineListener {

  private record RunNode(
      String runId,
      @Nullable String label,
      int tasks,
      @Nullable String parentRunId,
      @Nullable String parentTaskId,
      Instant at) {}

  /**
   * A task of a pattern that is not itself a call (a voter, a section, a participant's turn): shown
   * while it has no call or nested run of its own, so a task queued in its pattern, or started but
   * not yet calling, is in the tree before any attempt exists.
   */
  private static final class TaskNode {
    final String callId;
    final String runId;
    volatile String state;
    volatile Instant since;

    TaskNode(String callId, String runId, Instant at) {
      this.callId = callId;
      this.runId = runId;
      this.state = "queued";
      this.since = at;
    }
  }

  /** One LLM call's state; mutated under its own monitor-free fields (volatile, single writer). */
  private static final class CallNode {
    final String callId;
    final String runId;
    final ModelId model;
    volatile String state;
    volatile Instant since;
    volatile boolean hedged;
    volatile int attemptsInFlight;
    volatile @Nullable String lastError;
    final Map<Integer, AttemptNode> attempts = new ConcurrentHashMap<>();

    CallNode(String callId, String runId, ModelId model, Instant at) {
      this.callId = callId;
      this.runId = runId;
      this.model = model;
      this.state = "queued";
      this.since = at;
    }
  }

  /** An attempt in flight. */
  private record AttemptNode(int number, Attempt.Kind kind, ModelId model, Instant since) {}

  private final TimeSource time;
  private final Map<String, RunNode> runs = new ConcurrentHashMap<>();
  private final Map<String, CallNode> calls = new ConcurrentHashMap<>();
  private final Map<String, TaskNode> tasks = new ConcurrentHashMap<>();
  private final RunNesting nesting = new RunNesting();
  private final AtomicLong done = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final DoubleAdder cost = new DoubleAdder();
  private volatile @Nullable String firstRunId;

  LiveRun(TimeSource time) {
    this.time = time;
  }

  @Override
  public void runStart(String runId, String label, int tasks) {
    RunNesting.TaskRef from = nesting.current();
    runs.put(
        runId,
        new RunNode(
            runId,
            label,
            tasks,
            from == null ? null : from.runId(),
            from == null ? null : from.callId(),
            time.now()));
    if (from == null && firstRunId == null) {
      firstRunId = runId;
    }
  }

  @Override
  public void runEnd(String runId, RunResult<?> result) {
    runs.remove(runId);
  }

  @Override
  public void callQueued(CallEvent call) {
    if (call.request() != null) {
      calls.put(
          call.callId(),
          new CallNode(call.callId(), call.runId(), call.request().model(), call.at()));
    } else {
      tasks.put(call.callId(), new TaskNode(call.callId(), call.runId(), call.at()));
    }
  }

  @Override
  public void callAdmitted(CallEvent call) {
    nesting.taskAdmitted(call);
    if (call.request() == null) {
      TaskNode t = tasks.get(call.callId());
      if (t != null) {
        t.state = "running, no call in flight";
        t.since = time.now();
      }
      return;
    }
    set(call, "admitted");
  }

  @Override
  public void rateLimitWaitStart(CallEvent call, ModelId model, String bucket, Duration expected) {
    set(call, "waiting on " + model + " " + bucket + " (expected " + ms(expected) + ")");
  }

  @Override
  public void rateLimitWaitEnd(CallEvent call, ModelId model, Duration waited) {
    set(call, "queued");
  }

  @Override
  public void attemptStart(CallEvent call, int attempt, Attempt.Kind kind, ModelId model) {
    CallNode c = calls.get(call.callId());
    if (c != null) {
      c.attemptsInFlight++;
      c.attempts.put(attempt, new AttemptNode(attempt, kind, model, time.now()));
      c.state =
          "in flight: attempt "
              + attempt
              + " ("
              + kind.name().toLowerCase(Locale.ROOT)
              + ") to "
              + model;
      c.since = time.now();
    }
  }

  @Override
  public void attemptEnd(CallEvent call, Attempt attempt) {
    CallNode c = calls.get(call.callId());
    if (c != null) {
      c.attemptsInFlight = Math.max(0, c.attemptsInFlight - 1);
      c.attempts.remove(attempt.number());
      if (attempt.errorKind() != null) {
        c.lastError = attempt.errorKind();
      }
    }
  }

  @Override
  public void retryScheduled(CallEvent call, int nextAttempt, Duration delay, String errorKind) {
    set(call, "retrying after " + errorKind + ": attempt " + nextAttempt + " in " + ms(delay));
  }

  @Override
  public void hedgeLaunched(CallEvent call, int attempt, ModelId model) {
    CallNode c = calls.get(call.callId());
    if (c != null) {
      c.hedged = true;
    }
  }

  @Override
  public void callEnd(CallEvent call, Outcome<?> outcome) {
    nesting.callEnded(call);
    if (call.request() == null) {
      tasks.remove(call.callId());
    }
    if (call.request() != null && calls.remove(call.callId()) != null) {
      done.incrementAndGet();
      if (!outcome.isSuccess()) {
        failed.incrementAndGet();
      }
      cost.add(outcome.timeline().costUsd());
    }
  }

  private void set(CallEvent call, String state) {
    CallNode c = calls.get(call.callId());
    if (c != null) {
      c.state = state;
      c.since = time.now();
    }
  }

  /** The counts {@code chorus ps} shows. */
  Status status() {
    int inFlight = 0;
    int waiting = 0;
    for (CallNode c : calls.values()) {
      if (c.attemptsInFlight > 0) {
        inFlight++;
      } else {
        waiting++;
      }
    }
    return new Status(firstRunId, done.get(), failed.get(), inFlight, waiting, cost.sum());
  }

  /** What {@code chorus ps} shows of a process. */
  record Status(
      @Nullable String runId, long done, long failed, int inFlight, int waiting, double costUsd) {}

  /** The live tree, run → pattern → call, one node a line, indented. */
  List<String> tree() {
    Instant now = time.now();
    List<String> out = new ArrayList<>();
    List<RunNode> all = new ArrayList<>(runs.values());
    all.sort(java.util.Comparator.comparing(RunNode::at));
    for (RunNode r : all) {
      if (r.parentRunId() == null || !runs.containsKey(r.parentRunId())) {
        print(r, all, 0, now, out);
      }
    }
    return out;
  }

  private void print(RunNode r, List<RunNode> all, int depth, Instant now, List<String> out) {
    List<CallNode> mine =
        calls.values().stream()
            .filter(c -> c.runId.equals(r.runId()))
            .sorted(java.util.Comparator.comparing((CallNode c) -> index(c.callId)))
            .toList();
    boolean runOfOne = depth > 0 && r.label() == null && r.tasks() == 1;
    int d0 = depth;
    if (!runOfOne) {
      out.add(
          "  ".repeat(depth)
              + (depth == 0 ? "run " : "pattern ")
              + (r.label() == null ? "" : r.label() + " ")
              + r.runId()
              + " ("
              + r.tasks()
              + " tasks, running "
              + ms(Duration.between(r.at(), now))
              + ")");
      d0 = depth + 1;
    }
    int d = d0;
    List<TaskNode> myTasks =
        tasks.values().stream()
            .filter(t -> t.runId.equals(r.runId()))
            .sorted(java.util.Comparator.comparingInt((TaskNode t) -> index(t.callId)))
            .toList();
    for (TaskNode t : myTasks) {
      boolean calling = all.stream().anyMatch(child -> t.callId.equals(child.parentTaskId()));
      if (!calling) {
        out.add(
            "  ".repeat(d)
                + "task "
                + t.callId
                + ": "
                + t.state
                + " for "
                + ms(Duration.between(t.since, now)));
      }
    }
    for (CallNode c : mine) {
      out.add(
          "  ".repeat(d)
              + "call "
              + c.callId
              + " "
              + c.model
              + ": "
              + c.state
              + " for "
              + ms(Duration.between(c.since, now))
              + (c.hedged ? ", hedged" : "")
              + (c.lastError != null && !c.state.startsWith("retrying")
                  ? ", last error " + c.lastError
                  : ""));
      c.attempts.values().stream()
          .sorted(java.util.Comparator.comparingInt(AttemptNode::number))
          .forEach(
              a ->
                  out.add(
                      "  ".repeat(d + 1)
                          + "attempt "
                          + a.number()
                          + " ("
                          + a.kind().name().toLowerCase(Locale.ROOT)
                          + ") to "
                          + a.model()
                          + ": in flight for "
                          + ms(Duration.between(a.since(), now))));
    }
    for (RunNode child : all) {
      if (r.runId().equals(child.parentRunId())) {
        print(child, all, d, now, out);
      }
    }
  }

  private static int index(String callId) {
    int slash = callId.lastIndexOf('/');
    try {
      return Integer.parseInt(callId.substring(slash + 1));
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  static String ms(Duration d) {
    long ms = Math.max(0, d.toMillis());
    return ms < 10_000 ? ms + " ms" : String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
  }
}
