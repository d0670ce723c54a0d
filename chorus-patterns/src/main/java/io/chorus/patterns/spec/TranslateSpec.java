package io.chorus.patterns.spec;

import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.translate.Translation;
import io.chorus.patterns.vote.Aggregator;
import io.chorus.patterns.vote.Voter;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * A nested translation spec: sectioning over languages, each a vote among translator personas.
 *
 * <pre>{@code
 * kind: translate
 * name: translation
 * model: sim:fast
 * text: "..."                 # optional; the CLI's input replaces it
 * languages: [French, Spanish, German]
 * prompt: "Translate into {{language}}:\n\n{{input}}"   # optional
 * aggregator: judge           # judge | semantic | majority
 * judge: sim:smart            # optional, default: model
 * threshold: 0.6
 * policy: ignore
 * personas:                   # optional; default formal, casual, technical
 *   - name: formal
 *     system: "You are a professional translator..."
 *     temperature: 0.3
 * }</pre>
 *
 * @param file where it was loaded from
 * @param name the pattern's name
 * @param model the default model
 * @param text the spec's own text, or null
 * @param languages target languages
 * @param prompt the prompt template
 * @param personas the translators (empty: the defaults)
 * @param aggregator makes the per-language aggregator, or null for the default judge
 * @param policy the failure policy across languages
 */
public record TranslateSpec(
    Path file,
    String name,
    ModelId model,
    @Nullable String text,
    List<String> languages,
    String prompt,
    List<Voter> personas,
    @Nullable Supplier<Aggregator> aggregator,
    FailurePolicy policy)
    implements PatternSpec {

  public TranslateSpec {
    languages = List.copyOf(languages);
    personas = List.copyOf(personas);
  }

  @Override
  public String kind() {
    return "translate";
  }

  @Override
  public Sectioning toPattern(String input) {
    String t =
        SpecException.givenOrOwn(
            file, input, text, "text", "no text to translate: give one or set 'text' in the spec");
    Translation.Builder b =
        Translation.builder().name(name).model(model).text(t).languages(languages).policy(policy);
    if (prompt != null) {
      b.prompt(prompt);
    }
    personas.forEach(b::persona);
    if (aggregator != null) {
      b.aggregator(aggregator.get());
    }
    return SpecException.whileBuilding(file, "", b::build);
  }
}
