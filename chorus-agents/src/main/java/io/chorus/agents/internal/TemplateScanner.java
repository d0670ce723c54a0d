package io.chorus.agents.internal;

import io.chorus.agents.PromptTemplate;
import io.chorus.agents.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the variables of a template text. Hand-written rather than a template engine because the
 * rules are small and the errors must carry file lines; see {@link PromptTemplate} for the syntax.
 *
 * <p>Result: {@code literals} and {@code slots} interleaved, {@code literals.size() ==
 * slots.size() + 1}.
 */
public final class TemplateScanner {
  private static final Pattern BRACE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_.-]*");
  // [DESCRIBE YOUR TASK HERE]: capitals, digits, spaces and _ ' / - ; at least three characters
  private static final Pattern BRACKET = Pattern.compile("\\[([A-Z][A-Z0-9 _'/-]*[A-Z0-9])]");

  private TemplateScanner() {}

  /** What a scan found. */
  public record Scan(List<String> literals, List<PromptTemplate.Variable> slots) {}

  public static Scan scan(String file, String text, int firstLine, boolean brackets, List<Problem> problems) {
    List<String> literals = new ArrayList<>();
    List<PromptTemplate.Variable> slots = new ArrayList<>();
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
          problems.add(
              Problem.error(file, line, "'{{' is not closed by '}}' on the same line; write \\{{ for a literal {{"));
          lit.append("{{");
          i += 2;
          continue;
        }
        String inner = text.substring(i + 2, close).strip();
        if (!BRACE_NAME.matcher(inner).matches()) {
          problems.add(
              Problem.error(
                  file,
                  line,
                  "'{{" + inner + "}}' is not a variable (names are letters, digits, _ . -);"
                      + " write \\{{ for a literal {{"));
          lit.append(text, i, close + 2);
          i = close + 2;
          continue;
        }
        literals.add(lit.toString());
        lit.setLength(0);
        slots.add(new PromptTemplate.Variable(inner, text.substring(i, close + 2), line));
        i = close + 2;
        continue;
      }
      if (brackets && c == '[') {
        Matcher m = BRACKET.matcher(text).region(i, n);
        if (m.lookingAt() && (m.end() >= n || text.charAt(m.end()) != '(') && m.group(1).length() >= 3) {
          literals.add(lit.toString());
          lit.setLength(0);
          slots.add(new PromptTemplate.Variable(bracketName(m.group(1)), m.group(), line));
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
    return new Scan(literals, slots);
  }

  /** {@code DESCRIBE YOUR CONCURRENT TASK HERE} becomes {@code describe_your_concurrent_task_here}. */
  public static String bracketName(String placeholder) {
    String s = placeholder.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
    return s.replaceAll("^_+|_+$", "");
  }
}
