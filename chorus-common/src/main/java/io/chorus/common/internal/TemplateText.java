package io.chorus.common.internal;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one prompt-template grammar and its one error rule, behind both public {@code
 * PromptTemplate}s (chorus-agents' file templates and chorus-patterns' inline prompts), which had
 * each written their own with different rules. Hand-written rather than a template engine because
 * the rules are small, prompts must never be HTML-escaped (Mustache does by default), and every
 * error must carry the template's file and line.
 *
 * <ul>
 *   <li>{@code {{name}}} (spaces inside allowed) is the variable {@code name}; names are letters,
 *       digits, {@code _}, {@code .} and {@code -}. A <code>&#123;&#123;</code> not closed on its
 *       line, or enclosing anything else, is an error and stays literal text.
 *   <li>With {@code brackets}, a bracketed placeholder in capitals ({@code [DESCRIBE YOUR TASK]},
 *       at least three characters, not followed by {@code (}) is a variable too, named by {@link
 *       #bracketName}.
 *   <li><code>\&#123;&#123;</code> gives a literal <code>&#123;&#123;</code>; with brackets, {@code
 *       \[} a literal {@code [}.
 *   <li>Rendering: a variable without a value is an error naming the variable, how it is written
 *       and {@code file:line}; a value is inserted as it is (never expanded again).
 * </ul>
 *
 * Immutable and thread-safe. Internal: not part of any module's public API.
 *
 * @param source where the text comes from (a file name), for errors
 * @param literals the text between variables; one more than {@code slots}
 * @param slots every occurrence of a variable, in text order
 */
public record TemplateText(String source, List<String> literals, List<Slot> slots) {

  private static final Pattern BRACE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  // [DESCRIBE YOUR TASK HERE]: capitals, digits, spaces and _ ' / - ; at least three characters
  private static final Pattern BRACKET = Pattern.compile("\\[([A-Z][A-Z0-9 _'/-]*[A-Z0-9])]");

  public TemplateText {
    literals = List.copyOf(literals);
    slots = List.copyOf(slots);
  }

  /**
   * One occurrence of a variable.
   *
   * @param name the variable's name
   * @param written how it is written in the text ({@code {{task}}} or {@code [YOUR TASK]})
   * @param line the file line it is on
   */
  public record Slot(String name, String written, int line) {}

  /** A problem with a template, at a line of its source. */
  public record Error(String source, int line, String message) {
    @Override
    public String toString() {
      return source + ":" + line + ": " + message;
    }
  }

  /**
   * Scans {@code text}, whose first line is line {@code firstLine} of {@code source}; malformed
   * variables are added to {@code errors} and kept as literal text.
   */
  public static TemplateText scan(
      String source, String text, int firstLine, boolean brackets, List<Error> errors) {
    List<String> literals = new ArrayList<>();
    List<Slot> slots = new ArrayList<>();
    StringBuilder lit = new StringBuilder();
    int line = firstLine;
    int i = 0;
    int n = text.length();
    while (i < n) {
      char c = text.charAt(i);
      if (c == '\\' && text.startsWith("{{", i + 1)) {
        lit.append("{{");
        i += 3;
        continue;
      }
      if (brackets && c == '\\' && i + 1 < n && text.charAt(i + 1) == '[') {
        lit.append('[');
        i += 2;
        continue;
      }
      if (c == '{' && text.startsWith("{{", i)) {
        int close = text.indexOf("}}", i + 2);
        int eol = text.indexOf('\n', i);
        if (close < 0 || (eol >= 0 && close > eol)) {
          errors.add(
              new Error(
                  source,
                  line,
                  "'{{' is not closed by '}}' on the same line; write \\{{ for a literal {{"));
          lit.append("{{");
          i += 2;
          continue;
        }
        String inner = text.substring(i + 2, close).strip();
        if (!BRACE_NAME.matcher(inner).matches()) {
          errors.add(
              new Error(
                  source,
                  line,
                  "'{{"
                      + inner
                      + "}}' is not a variable (names are letters, digits, _ . -); write \\{{ for a literal {{"));
          lit.append(text, i, close + 2);
          i = close + 2;
          continue;
        }
        literals.add(lit.toString());
        lit.setLength(0);
        slots.add(new Slot(inner, text.substring(i, close + 2), line));
        i = close + 2;
        continue;
      }
      if (brackets && c == '[') {
        Matcher m = BRACKET.matcher(text).region(i, n);
        if (m.lookingAt()
            && (m.end() >= n || text.charAt(m.end()) != '(')
            && m.group(1).length() >= 3) {
          literals.add(lit.toString());
          lit.setLength(0);
          slots.add(new Slot(bracketName(m.group(1)), m.group(), line));
          i = m.end();
          continue;
        }
      }
      if (c == '\n') {
        line++;
      }
      lit.append(c);
      i++;
    }
    literals.add(lit.toString());
    return new TemplateText(source, literals, slots);
  }

  /**
   * {@code DESCRIBE YOUR CONCURRENT TASK HERE} becomes {@code describe_your_concurrent_task_here}.
   */
  public static String bracketName(String placeholder) {
    String s = placeholder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return s.replaceAll("^_+|_+$", "");
  }

  /** The variable names, in order of first occurrence. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    slots.forEach(v -> names.add(v.name()));
    return names;
  }

  /**
   * The one error rule: each variable without a value in {@code values} (absent or null), once, at
   * its first line, as {@code file:line: variable 'task' (written {{ task }}) has no value}.
   */
  public List<Error> missing(Map<String, ?> values) {
    List<Error> out = new ArrayList<>();
    Set<String> reported = new TreeSet<>();
    for (Slot v : slots) {
      if (values.get(v.name()) == null && reported.add(v.name())) {
        out.add(
            new Error(
                source,
                v.line(),
                "variable '" + v.name() + "' (written " + v.written() + ") has no value"));
      }
    }
    return out;
  }

  /**
   * The text with each variable replaced by {@code text(value)}.
   *
   * @throws IllegalArgumentException listing {@link #missing} when a variable has no value
   */
  public String fill(Map<String, ?> values, java.util.function.Function<Object, String> text) {
    List<Error> missing = missing(values);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          String.join("\n", missing.stream().map(Error::toString).toList()));
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < slots.size(); i++) {
      sb.append(literals.get(i)).append(text.apply(values.get(slots.get(i).name())));
    }
    sb.append(literals.get(literals.size() - 1));
    return sb.toString();
  }
}
