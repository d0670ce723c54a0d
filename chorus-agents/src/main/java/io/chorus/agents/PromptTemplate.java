package io.chorus.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.agents.internal.FrontMatter;
import io.chorus.common.internal.LocatedYaml;
import io.chorus.common.internal.TemplateText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A prompt with named variables, filled by {@link #render}.
 *
 * <h2>Syntax</h2>
 *
 * <ul>
 *   <li>{@code {{name}}} (spaces inside allowed) is the variable {@code name}; names are letters,
 *       digits, {@code _}, {@code .} and {@code -}. A <code>&#123;&#123;</code> that is not closed
 *       on its line, or that encloses anything else, is an error.
 *   <li>In template files (not in agent bodies), a bracketed placeholder in capitals such as {@code
 *       [DESCRIBE YOUR CONCURRENT TASK HERE]} is a variable too, so that prompt collections written
 *       for copy-and-paste work unchanged. Its name is the text in lower case with every run of
 *       other characters turned into {@code _}: {@code describe_your_concurrent_task_here}. Only
 *       capitals, digits, spaces and {@code _ ' / -}, at least three characters, and not followed
 *       by {@code (} (so Markdown links and check boxes {@code [ ]} stay text).
 *   <li>Escapes: <code>\&#123;&#123;</code> gives a literal <code>&#123;&#123;</code>; in template
 *       files {@code \[} gives a literal {@code [}. No other backslash is special.
 * </ul>
 *
 * <p>A template file ({@code templates/NAME.md}) may start with YAML front matter: {@code name}
 * (default: the file name), {@code description}, {@code agent} (the agent it is written for) and
 * {@code variables} (a map of variable name to description; every declared variable must occur).
 *
 * <p>Immutable and thread-safe.
 */
public final class PromptTemplate {

  /**
   * One occurrence of a variable.
   *
   * @param name the variable's name
   * @param written how it is written in the text ({@code {{task}}} or {@code [YOUR TASK]})
   * @param line the file line it is on
   */
  public record Variable(String name, String written, int line) {}

  private final String name;
  private final String description;
  private final String agent;
  private final String source;
  private final TemplateText text;
  private final List<Variable> slots;
  private final Map<String, String> declared;

  private PromptTemplate(
      String name,
      String description,
      String agent,
      String source,
      TemplateText text,
      Map<String, String> declared) {
    this.name = name;
    this.description = description;
    this.agent = agent;
    this.source = source;
    this.text = text;
    this.slots =
        text.slots().stream().map(v -> new Variable(v.name(), v.written(), v.line())).toList();
    this.declared = Map.copyOf(declared);
  }

  /**
   * A template over plain text (no front matter), whose first line is line {@code firstLine} of
   * {@code source}; {@code brackets} turns on bracketed placeholders.
   *
   * @throws DefinitionException listing every malformed variable
   */
  public static PromptTemplate ofText(String source, String text, int firstLine, boolean brackets) {
    List<Problem> problems = new ArrayList<>();
    PromptTemplate t = ofText(source, text, firstLine, brackets, problems);
    if (problems.stream().anyMatch(Problem::isError)) {
      throw new DefinitionException(problems);
    }
    return t;
  }

  /** Like {@link #ofText(String, String, int, boolean)}, adding problems instead of throwing. */
  public static PromptTemplate ofText(
      String source, String text, int firstLine, boolean brackets, List<Problem> problems) {
    TemplateText scan = scan(source, text, firstLine, brackets, problems);
    return new PromptTemplate(baseName(source), null, null, source, scan, Map.of());
  }

  /**
   * Parses a template file: optional front matter, then the template (bracketed placeholders on).
   * Errors and warnings are added to {@code problems}; returns null when the file is unusable.
   */
  public static PromptTemplate parseFile(String source, String content, List<Problem> problems) {
    String text = FrontMatter.normalize(content);
    int before = countErrors(problems);
    FrontMatter fm = FrontMatter.split(source, text, false, problems);
    if (fm == null) {
      return null;
    }
    String name = baseName(source);
    String description = null;
    String agent = null;
    Map<String, String> declared = new LinkedHashMap<>();
    LocatedYaml yaml = null;
    if (fm.present()) {
      yaml = fm.read(source, problems);
      if (yaml == null) {
        return null;
      }
      JsonNode root = yaml.root();
      if (!root.isObject()) {
        problems.add(
            Problem.error(
                source, fm.yamlFirstLine(), "template front matter must be a mapping of keys"));
        return null;
      }
      for (var e : root.properties()) {
        int line = yaml.lineOf(LocatedYaml.pointer("", e.getKey()));
        switch (e.getKey()) {
          case "name" -> name = e.getValue().asText();
          case "description" -> description = e.getValue().asText();
          case "agent" -> agent = e.getValue().asText();
          case "variables" -> {
            if (!e.getValue().isObject()) {
              problems.add(
                  Problem.error(
                      source, line, "'variables' must map each variable name to its description"));
            } else {
              e.getValue()
                  .properties()
                  .forEach(v -> declared.put(v.getKey(), v.getValue().asText()));
            }
          }
          default ->
              problems.add(
                  Problem.warning(source, line, "unknown key '" + e.getKey() + "' (ignored)"));
        }
      }
    }
    TemplateText scan = scan(source, fm.body(), fm.bodyFirstLine(), true, problems);
    Set<String> used = new LinkedHashSet<>();
    scan.slots().forEach(v -> used.add(v.name()));
    for (String d : declared.keySet()) {
      if (!used.contains(d)) {
        problems.add(
            Problem.error(
                source,
                yaml.lineOf(LocatedYaml.pointer("/variables", d)),
                "declared variable '"
                    + d
                    + "' does not occur in the template (it has: "
                    + String.join(", ", used)
                    + ")"));
      }
    }
    if (!declared.isEmpty()) {
      for (TemplateText.Slot v : scan.slots()) {
        if (!declared.containsKey(v.name())) {
          problems.add(
              Problem.warning(
                  source,
                  v.line(),
                  "variable '" + v.name() + "' is not declared under 'variables'"));
        }
      }
    }
    if (countErrors(problems) > before) {
      return null;
    }
    return new PromptTemplate(name, description, agent, source, scan, declared);
  }

  /** chorus-common's one template grammar, its errors as problems of this file. */
  private static TemplateText scan(
      String source, String text, int firstLine, boolean brackets, List<Problem> problems) {
    List<TemplateText.Error> errors = new ArrayList<>();
    TemplateText t = TemplateText.scan(source, text, firstLine, brackets, errors);
    errors.forEach(e -> problems.add(Problem.error(e.source(), e.line(), e.message())));
    return t;
  }

  private static int countErrors(List<Problem> problems) {
    return (int) problems.stream().filter(Problem::isError).count();
  }

  private static String baseName(String source) {
    String s = source.replace('\\', '/');
    s = s.substring(s.lastIndexOf('/') + 1);
    int dot = s.lastIndexOf('.');
    return dot > 0 ? s.substring(0, dot) : s;
  }

  public String name() {
    return name;
  }

  /** The description from the front matter, or null. */
  public @Nullable String description() {
    return description;
  }

  /** The agent this template is written for, or null. */
  public @Nullable String agent() {
    return agent;
  }

  /** Where the template came from. */
  public String source() {
    return source;
  }

  /** The variable names, in order of first occurrence. */
  public Set<String> variables() {
    Set<String> names = new LinkedHashSet<>();
    slots.forEach(v -> names.add(v.name()));
    return names;
  }

  /** Every occurrence of every variable, in text order. */
  public List<Variable> occurrences() {
    return slots;
  }

  /** Descriptions of the variables declared in the front matter. */
  public Map<String, String> declaredVariables() {
    return declared;
  }

  /**
   * The text with every variable replaced by its value. Values may be strings, Jackson nodes (text
   * nodes give their text, others their JSON) or anything else ({@code toString()}).
   *
   * @throws DefinitionException when a variable has no value ({@code file:line: variable 'task' has
   *     no value}) or a value is given for a name the template does not have
   */
  public String render(Map<String, ?> values) {
    return render(values, true);
  }

  /** Like {@link #render(Map)} but values the template does not use are ignored. */
  public String renderIgnoringExtra(Map<String, ?> values) {
    return render(values, false);
  }

  private String render(Map<String, ?> values, boolean rejectUnused) {
    Objects.requireNonNull(values, "values");
    List<Problem> problems = new ArrayList<>();
    text.missing(values)
        .forEach(e -> problems.add(Problem.error(e.source(), e.line(), e.message())));
    if (rejectUnused) {
      Set<String> names = variables();
      for (String k : new TreeSet<>(values.keySet())) {
        if (!names.contains(k)) {
          problems.add(
              Problem.error(
                  source,
                  slots.isEmpty() ? 1 : slots.get(0).line(),
                  "a value was given for '"
                      + k
                      + "', which template '"
                      + name
                      + "' does not use (its variables: "
                      + (names.isEmpty() ? "none" : String.join(", ", names))
                      + ")"));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new DefinitionException(problems);
    }
    return text.fill(values, PromptTemplate::text);
  }

  private static String text(Object value) {
    if (value instanceof JsonNode node) {
      return node.isTextual() ? node.asText() : node.toString();
    }
    return value.toString();
  }

  @Override
  public String toString() {
    return "PromptTemplate[" + name + ", variables=" + variables() + "]";
  }
}
