package io.chorus.review;

import io.chorus.core.ModelId;
import io.chorus.core.Usage;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one reviewer reported over every chunk, or why it could not.
 *
 * @param reviewer the reviewer's name
 * @param model the model that answered (or was asked, on failure)
 * @param findings its findings over all chunks
 * @param overallRisk the worst overall risk it gave across chunks, or null when it gave none
 * @param failure why it failed on at least one chunk (error kind and message), or null
 * @param failureKind the error kind of that failure ({@code invalid_output}, a provider error kind
 *     such as {@code connection_failed}, {@code cancelled}), or null
 * @param calls model calls made (repair rounds included)
 * @param repaired chunks whose answer needed the repair round
 * @param textFormat chunks whose answer was read from the line-based text format instead of JSON
 * @param usage tokens used
 * @param costUsd cost in US dollars
 * @param synthetic whether any of its calls went to the simulator (answered or failed)
 */
public record ReviewerReport(
    String reviewer,
    ModelId model,
    List<Finding> findings,
    @Nullable String overallRisk,
    @Nullable String failure,
    @Nullable String failureKind,
    int calls,
    int repaired,
    int textFormat,
    Usage usage,
    double costUsd,
    boolean synthetic) {

  public ReviewerReport {
    findings = List.copyOf(findings);
  }

  public boolean succeeded() {
    return failure == null;
  }
}
