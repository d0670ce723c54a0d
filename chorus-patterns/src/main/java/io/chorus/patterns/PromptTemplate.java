package io.chorus.patterns;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A prompt with {@code {{name}}} placeholders, e.g. {@code "Summarise:\n\n{{input}}"}.
 *
 * <p>Only plain substitution: no loops, conditions or escaping. Written by hand because template
 * engines such as Mustache HTML-escape by default and add logic we do not want in prompts. A
 * placeholder with no value is an error naming it, never left in the prompt silently; {@code
 * \{{x}}} is kept literally as {@code {{x}}}.
 *
 * @param text the template text
 */
public record PromptTemplate(String text) {

  private static final Pattern PLACEHOLDER = Pattern.compile("(\\\\?)\\{\\{\\s*([A-Za-z_][A-Za-z0-9_.-]*)\\s*}}");

  public PromptTemplate {
    Objects.requireNonNull(text, "template text");
  }

  public static PromptTemplate of(String text) {
    return new PromptTemplate(text);
  }

  /** The placeholder names in order of first use. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    Matcher m = PLACEHOLDER.matcher(text);
    while (m.find()) {
      if (m.group(1).isEmpty()) {
        names.add(m.group(2));
      }
    }
    return names;
  }

  /**
   * Substitutes every placeholder.
   *
   * @throws IllegalArgumentException naming the first placeholder without a value
   */
  public String render(Map<String, String> values) {
    Matcher m = PLACEHOLDER.matcher(text);
    StringBuilder sb = new StringBuilder(text.length() + 256);
    while (m.find()) {
      String replacement;
      if (!m.group(1).isEmpty()) {
        replacement = "{{" + m.group(2) + "}}";
      } else {
        replacement = values.get(m.group(2));
        if (replacement == null) {
          throw new IllegalArgumentException(
              "prompt template uses {{" + m.group(2) + "}} but no value was given for it (known: "
                  + values.keySet() + ")");
        }
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
