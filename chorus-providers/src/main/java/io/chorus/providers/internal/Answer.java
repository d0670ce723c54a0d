package io.chorus.providers.internal;

import io.chorus.core.StopReason;
import io.chorus.core.Usage;

/**
 * A decoded answer, before timing and headers are attached.
 *
 * @param text the answer text
 * @param reasoning separately returned reasoning, or null
 * @param stopReason why the model stopped
 * @param usage tokens used
 */
public record Answer(String text, String reasoning, StopReason stopReason, Usage usage) {}
