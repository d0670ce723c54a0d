package io.chorus.patterns.section;

import io.chorus.core.ModelId;
import io.chorus.core.Pattern;
import io.chorus.patterns.PromptTemplate;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One independent subtask of a {@link Sectioning}: either a prompt (a template over the shared
 * input and variables, an optional persona and model) or a whole nested {@link Pattern}, such as a
 * vote among translators.
 *
 * @param name unique within the sectioning; the heading of its part of the merged output
 * @param template the prompt, with {@code {{input}}} and other variables; null for a nested section
 * @param system the persona, or null
 * @param model the model, or null for the sectioning's default
 * @param temperature in [0, 2], or null for the provider's default
 * @param nested the nested pattern, or null for a prompt section
 */
public record Section(
    String name,
    @Nullable PromptTemplate template,
    @Nullable String system,
    @Nullable ModelId model,
    @Nullable Double temperature,
    @Nullable Pattern<?> nested) {

  public Section {
    Objects.requireNonNull(name, "section name");
    if (name.isBlank()) {
      throw new IllegalArgumentException("section name is blank");
    }
    if ((template == null) == (nested == null)) {
      throw new IllegalArgumentException(
          "section '" + name + "' needs either a prompt template or a nested pattern");
    }
  }

  /** A prompt section. */
  public static Section of(String name, String template) {
    return new Section(name, PromptTemplate.of(template), null, null, null, null);
  }

  /** A section that runs another pattern (its result's text is merged). */
  public static Section nested(String name, Pattern<?> pattern) {
    return new Section(name, null, null, null, null, Objects.requireNonNull(pattern, "pattern"));
  }

  public Section withSystem(@Nullable String s) {
    return new Section(name, template, s, model, temperature, nested);
  }

  public Section withModel(@Nullable ModelId m) {
    return new Section(name, template, system, m, temperature, nested);
  }

  public Section withModel(String m) {
    return withModel(ModelId.parse(m));
  }

  public Section withTemperature(@Nullable Double t) {
    return new Section(name, template, system, model, t, nested);
  }
}
