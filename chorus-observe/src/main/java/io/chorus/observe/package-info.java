/**
 * Observability as engine listeners: Micrometer metrics, OpenTelemetry GenAI spans, correlated
 * logging, progress counts, and the run trace that reports are built from.
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.observe;

import org.jspecify.annotations.NullMarked;
