package io.chorus.patterns.section;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.chorus.patterns.CallSummary;
import io.chorus.patterns.PatternResult;

/**
 * How one section ended.
 *
 * @param index the section's position in declared order
 * @param name the section's name
 * @param status {@code succeeded}, {@code failed}, {@code cancelled} or {@code timed_out}
 * @param text the section's output ("" unless succeeded)
 * @param call the call it made (model, tokens, cost, time, attempts, error kind and message); for a
 *     nested section, the totals of the nested pattern
 * @param nested the nested pattern's whole result, or null for a prompt section
 */
public record SectionOutcome(
    int index, String name, String status, String text, CallSummary call, PatternResult nested) {

  @JsonIgnore
  public boolean succeeded() {
    return "succeeded".equals(status);
  }

  /** The error kind for a section that did not succeed, else null. */
  @JsonIgnore
  public String errorKind() {
    return call == null ? null : call.errorKind();
  }
}
