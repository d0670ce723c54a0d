package io.chorus.patterns.spec;

import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.patterns.section.Merge;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.Sectioning;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A {@code sections.yaml}: sections over one input and how they merge.
 *
 * <pre>{@code
 * kind: sections              # optional when 'sections' is present
 * name: document-analysis
 * model: sim:fast             # default model of the sections
 * max_tokens: 512
 * policy: ignore              # ignore | fail-fast | retry:N | require-all | quorum:K
 * merge: headings             # headings | {llm: {model: M, instruction: "..."}}
 * variables: {audience: investors}
 * input: "..."                # optional; the CLI's --input replaces it
 * sections:
 *   - name: Summary
 *     prompt: "Summarise for {{audience}}:\n\n{{input}}"
 *     system: "You are a concise summariser."
 *     model: anthropic:claude-haiku-4-5   # optional
 *     temperature: 0.3                   # optional
 * }</pre>
 *
 * @param file where it was loaded from
 * @param name the sectioning's name
 * @param model the default model, or null
 * @param maxTokens max output tokens per section
 * @param policy the failure policy
 * @param merge how sections merge
 * @param variables template variables besides {@code input}
 * @param input the spec's own input, or null
 * @param sections the sections in order
 */
public record SectionsSpec(
    Path file,
    String name,
    @Nullable ModelId model,
    int maxTokens,
    FailurePolicy policy,
    Merge merge,
    Map<String, String> variables,
    @Nullable String input,
    List<Section> sections)
    implements PatternSpec {

  public SectionsSpec {
    variables = Map.copyOf(variables);
    sections = List.copyOf(sections);
  }

  @Override
  public String kind() {
    return "sections";
  }

  @Override
  public Sectioning toPattern(String document) {
    String in =
        SpecException.givenOrOwn(
            file,
            document,
            input,
            "input",
            "no input: give one (e.g. --input doc.txt) or set 'input' in the spec");
    Sectioning.Builder b =
        Sectioning.builder()
            .name(name)
            .model(model)
            .maxTokens(maxTokens)
            .policy(policy)
            .merge(merge)
            .sections(sections)
            .input(in);
    variables.forEach(b::variable);
    return SpecException.whileBuilding(file, "sections", b::build);
  }
}
