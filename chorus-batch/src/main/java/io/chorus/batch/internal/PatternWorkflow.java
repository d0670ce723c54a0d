package io.chorus.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.ItemFailedException;
import io.chorus.common.internal.Json;
import io.chorus.core.Pattern;
import io.chorus.core.PatternResult;
import io.chorus.core.TaskContext;
import io.chorus.patterns.section.SectioningResult;
import io.chorus.patterns.spec.PatternSpec;
import io.chorus.patterns.vote.VotingResult;
import java.util.Optional;

/**
 * A pattern spec (vote, sections, nested translation) over every item: the item's {@code input},
 * {@code prompt} or {@code text} field is the pattern's input (the question of a vote, the document
 * of a sectioning). The pattern's calls go through the batch's engine, so they share its limits and
 * its journal-backed response cache: a resumed item re-runs its pattern and finds the answers of
 * the calls that had finished.
 *
 * <p>An item whose pattern produced no output (no decision, no section) failed for good.
 */
public final class PatternWorkflow implements BatchWorkflow {

  private static final ObjectMapper JSON = Json.MAPPER;

  private final PatternSpec spec;

  public PatternWorkflow(PatternSpec spec) {
    this.spec = spec;
  }

  @Override
  public String describe() {
    return spec.kind() + " " + spec.file().toAbsolutePath().normalize();
  }

  static String input(BatchItem item) {
    for (String f : new String[] {"input", "prompt", "text"}) {
      JsonNode n = item.json().get(f);
      if (n != null && n.isTextual() && !n.asText().isBlank()) {
        return n.asText();
      }
    }
    throw new IllegalArgumentException(
        "a line needs 'input', 'prompt' or 'text' (a non-empty string) for the workflow");
  }

  @Override
  public Optional<Pattern<?>> patternFor(BatchItem item) {
    return Optional.of(pattern(item));
  }

  /** The pattern for an item (checks that the spec can be built over its input). */
  private Pattern<?> pattern(BatchItem item) {
    try {
      return spec.toPattern(input(item));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  @Override
  public void validate(BatchItem item) {
    pattern(item);
  }

  @Override
  public ObjectNode run(BatchItem item, TaskContext context) throws Exception {
    PatternResult r = pattern(item).run(context.engine());
    // a vote whose valid votes did not reach consensus is a result (consensus: false), not a
    // failure
    boolean noConsensus =
        r instanceof VotingResult v && v.runFailure() == null && v.tally().validCount() > 0;
    if (!r.ok() && !noConsensus) {
      throw new ItemFailedException(
          "no_result", spec.kind() + " produced no result: " + cause(r), 0);
    }
    ObjectNode out = JSON.createObjectNode();
    out.put("kind", spec.kind());
    out.put("text", r.text());
    if (r instanceof VotingResult v) {
      out.put("consensus", v.consensus());
      if (v.winner() == null && v.tally().leader() != null) {
        out.put("leader", v.tally().leader());
      }
    }
    out.put("synthetic", r.synthetic());
    ResponseCodec.usage(out.putObject("usage"), r.usage());
    out.put("cost_usd", r.costUsd());
    out.set("result", JSON.readTree(r.toJson()));
    return out;
  }

  /** Why a pattern produced nothing, from its result (never from its report's banner). */
  static String cause(PatternResult r) {
    if (r instanceof VotingResult v) {
      if (v.runFailure() != null) {
        return v.runFailure();
      }
      return "no valid vote of "
          + v.voters()
          + ": "
          + String.join(
              "; ",
              v.votes().stream()
                  .filter(x -> x.problem() != null)
                  .map(x -> x.voter() + ": " + x.problem())
                  .distinct()
                  .limit(3)
                  .toList());
    }
    if (r instanceof SectioningResult s) {
      if (s.runFailure() != null) {
        return s.runFailure();
      }
      return "no section succeeded: "
          + String.join(
              "; ",
              s.sections().stream()
                  .filter(x -> !x.succeeded())
                  .map(x -> x.name() + ": " + x.call().errorKind() + ": " + x.call().errorMessage())
                  .limit(3)
                  .toList());
    }
    return "no output";
  }
}
