package io.chorus.patterns.section;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import io.chorus.core.CallRecord;
import io.chorus.core.CallStatus;
import io.chorus.core.PatternResult;
import io.chorus.patterns.internal.CallRecordJson;
import org.jspecify.annotations.Nullable;

/**
 * How one section ended.
 *
 * @param index the section's position in declared order
 * @param name the section's name
 * @param status how it ended; in JSON {@code succeeded}, {@code failed}, {@code cancelled} or
 *     {@code timed_out}
 * @param text the section's output ("" unless succeeded)
 * @param call the call it made (model, tokens, cost, time, attempts, error kind and message); for a
 *     nested section, the totals of the nested pattern
 * @param nested the nested pattern's whole result, or null for a prompt section; in JSON, as that
 *     result's own {@link PatternResult#toJson()} writes it
 */
public record SectionOutcome(
    int index,
    String name,
    @JsonSerialize(using = CallRecordJson.Status.class) CallStatus status,
    String text,
    @JsonSerialize(using = CallRecordJson.class) CallRecord call,
    @JsonIgnore @Nullable PatternResult nested) {

  /**
   * The nested result as its own {@code toJson()} writes it: a deliberation's or review's result
   * has fields (times, durations, policies) that only its own writer knows how to render.
   */
  @JsonProperty("nested")
  @JsonRawValue
  String nestedJson() {
    return nested == null ? null : nested.toJson();
  }

  @JsonIgnore
  public boolean succeeded() {
    return status == CallStatus.SUCCEEDED;
  }

  /** The error kind for a section that did not succeed, else null. */
  @JsonIgnore
  public @Nullable String errorKind() {
    return call == null ? null : call.errorKind();
  }
}
