package io.chorus.patterns.section;

import io.chorus.core.CallRecord;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * How the successful sections' texts become one output. Sections arrive in declared order.
 * Implementations are immutable and thread-safe.
 */
@FunctionalInterface
public interface Merge {

  /** The merged text, and the merge's own call when it made one. */
  record Merged(String text, CallRecord call) {}

  Merged merge(List<SectionOutcome> successful, Engine engine);

  /** {@code ## name}, a blank line, the section's text; sections separated by blank lines. */
  static Merge headings() {
    return (sections, engine) ->
        new Merged(
            sections.stream()
                .map(s -> "## " + s.name() + "\n\n" + s.text().strip())
                .collect(Collectors.joining("\n\n")),
            null);
  }

  /** A merge function of your own over the successful sections. */
  static Merge custom(Function<List<SectionOutcome>, String> function) {
    Objects.requireNonNull(function, "function");
    return (sections, engine) -> new Merged(function.apply(sections), null);
  }

  /**
   * A model merges the sections into one document following {@code instruction}. If that call
   * fails, the output falls back to {@link #headings()} and the merge's failure is reported.
   */
  static Merge llm(ModelId model, String instruction) {
    Objects.requireNonNull(model, "merge model");
    String how =
        instruction == null || instruction.isBlank()
            ? "Combine them into one coherent document, keeping every fact and removing repetition."
            : instruction;
    return (sections, engine) -> {
      String parts =
          sections.stream()
              .map(s -> "### " + s.name() + "\n" + s.text().strip())
              .collect(Collectors.joining("\n\n"));
      ChatRequest request =
          ChatRequest.builder(model)
              .system("You merge the parts of an analysis into one document.")
              .user("Here are the parts, each produced independently:\n\n" + parts + "\n\n" + how)
              .temperature(0.0)
              .metadata("pattern", "section")
              .metadata("role", "merge")
              .build();
      Outcome<ChatResponse> outcome = engine.call(request);
      CallRecord call = CallRecord.of(model.toString(), outcome);
      if (outcome instanceof Outcome.Success<ChatResponse> s && !s.value().text().isBlank()) {
        return new Merged(s.value().text(), call);
      }
      return new Merged(headings().merge(sections, engine).text(), call);
    };
  }
}
