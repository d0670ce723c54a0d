package io.chorus.core;

import java.time.Instant;

/**
 * How an {@link Engine#stream} fan-out ended. It holds counts and totals only, never the outcomes
 * (the sink received those), so it costs the same for ten tasks or ten million.
 *
 * @param runId the run's id, as in events
 * @param started tasks taken from the iterator and started
 * @param succeeded tasks that ended {@link Outcome.Success}
 * @param failed tasks that ended otherwise (failed, timed out, cancelled)
 * @param usage tokens of every task's calls
 * @param costUsd cost of every task's calls
 * @param startedAt when the stream began
 * @param endedAt when the last task finished
 * @param failure why the stream stopped early (fail-fast, deadline, cancellation), or null
 */
public record StreamSummary(
    String runId,
    long started,
    long succeeded,
    long failed,
    Usage usage,
    double costUsd,
    Instant startedAt,
    Instant endedAt,
    String failure) {}
