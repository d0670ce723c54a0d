/**
 * The concurrency advisor and the benchmark harness for JVM workloads (the decision framework and
 * benchmark method, with figures measured on this machine, never invented).
 *
 * <p>Advisor: build a {@link io.chorus.advisor.WorkloadProfile} ({@code fromArgs}, {@code
 * fromJson}, {@code fromMap}, or interactively with {@link io.chorus.advisor.Questionnaire}), load
 * {@link io.chorus.advisor.BenchFigures} (the latest results file or a calibration run) and call
 * {@link io.chorus.advisor.Advisor#advise}; render the {@link io.chorus.advisor.Recommendation}
 * with {@code toMarkdown()} or {@code toJson()}.
 *
 * <p>Benchmark: {@link io.chorus.advisor.BenchHarness#builder()} with built-in {@link
 * io.chorus.advisor.Kernels} or your own {@link io.chorus.advisor.Workload}; the {@link
 * io.chorus.advisor.BenchReport} renders as a table, JSON and a self-contained HTML chart.
 *
 * <p>Everything under {@code io.chorus.advisor.internal} is implementation and may change.
 */
@NullMarked
package io.chorus.advisor;

import org.jspecify.annotations.NullMarked;
