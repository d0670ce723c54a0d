package io.chorus.core;

import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * Identifies the call or task an {@link EngineListener} event is about.
 *
 * @param runId the run's correlation id
 * @param callId {@code runId/index}
 * @param index position in submission order
 * @param request the request for LLM calls; null for tasks that are not calls
 * @param label the run's label, or null
 * @param at when the event happened, on the engine's clock
 */
public record CallEvent(
    String runId,
    String callId,
    int index,
    @Nullable ChatRequest request,
    @Nullable String label,
    Instant at) {}
