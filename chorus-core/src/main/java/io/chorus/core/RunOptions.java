package io.chorus.core;

import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Settings for one fan-out.
 *
 * @param policy what failures do to the run
 * @param deadline the longest the whole run may take, or null; it bounds every call inside it,
 *     nested ones included
 * @param runId the correlation id to use, or null to generate one ({@code
 *     run_YYYYMMDD_HHMMSS_xxxx})
 * @param label a human name for progress and reports (e.g. {@code vote}, {@code section:summary})
 * @param callOptions options for every call made by {@link Engine#callAll}
 */
public record RunOptions(
    FailurePolicy policy,
    @Nullable Duration deadline,
    @Nullable String runId,
    @Nullable String label,
    CallOptions callOptions) {

  public static final RunOptions DEFAULT =
      new RunOptions(FailurePolicy.IGNORE, null, null, null, CallOptions.DEFAULT);

  public RunOptions {
    Objects.requireNonNull(policy, "policy");
    Checks.optionalPositive("run.deadline", deadline);
    if (callOptions == null) {
      callOptions = CallOptions.DEFAULT;
    }
  }

  public static RunOptions of(FailurePolicy policy) {
    return DEFAULT.withPolicy(policy);
  }

  public RunOptions withPolicy(FailurePolicy p) {
    return new RunOptions(p, deadline, runId, label, callOptions);
  }

  public RunOptions withDeadline(Duration d) {
    return new RunOptions(policy, d, runId, label, callOptions);
  }

  public RunOptions withRunId(String id) {
    return new RunOptions(policy, deadline, id, label, callOptions);
  }

  public RunOptions withLabel(String l) {
    return new RunOptions(policy, deadline, runId, l, callOptions);
  }

  public RunOptions withCallOptions(CallOptions o) {
    return new RunOptions(policy, deadline, runId, label, o);
  }
}
