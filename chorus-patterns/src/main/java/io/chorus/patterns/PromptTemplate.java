package io.chorus.patterns;

import io.chorus.common.internal.TemplateText;
import java.util.ArrayList;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A prompt with {@code {{name}}} placeholders, e.g. {@code "Summarise:\n\n{{input}}"}.
 *
 * <p>Only plain substitution: no loops, conditions or escaping. The grammar and the error rule are
 * the one of chorus-agents' {@code PromptTemplate} (chorus-common's {@code TemplateText}): {@code
 * {{ name }}} with spaces allowed, {@code \{{x}}} kept literally as {@code {{x}}}, and a
 * placeholder with no value is an error naming it and its line, never left in the prompt silently.
 * Values the template does not use are ignored.
 *
 * @param text the template text
 */
public record PromptTemplate(String text) {

  private static final String SOURCE = "prompt template";

  public PromptTemplate {
    Objects.requireNonNull(text, "template text");
  }

  public static PromptTemplate of(String text) {
    return new PromptTemplate(text);
  }

  /** The placeholder names in order of first use. */
  public Set<String> variables() {
    return scan().names();
  }

  /**
   * Substitutes every placeholder.
   *
   * @throws IllegalArgumentException naming each placeholder without a value and its line ({@code
   *     prompt template:1: variable 'tone' (written {{tone}}) has no value})
   */
  public String render(Map<String, String> values) {
    return scan().fill(values, Object::toString);
  }

  private TemplateText scan() {
    return TemplateText.scan(SOURCE, text, 1, false, new ArrayList<>());
  }
}
