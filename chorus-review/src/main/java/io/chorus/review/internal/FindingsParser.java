package io.chorus.review.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.chorus.common.internal.AnswerJson;
import io.chorus.review.CodeChunk;
import io.chorus.review.Finding;
import io.chorus.review.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a reviewer's answer: the JSON object validated against the findings schema first; seed
 * 004's text format (VULNERABILITY n: / TYPE: / SEVERITY: / LOCATION: / DESCRIPTION: /
 * RECOMMENDATION: / OVERALL_RISK:) as a fallback. Thread-safe.
 */
public final class FindingsParser {
  private static final Pattern LINE_NUMBER =
      Pattern.compile("(?i)lines?\\s*(\\d+)(?:\\s*[-–to]+\\s*(\\d+))?");
  private static final Pattern ANY_NUMBER = Pattern.compile("(\\d+)(?:\\s*[-–]\\s*(\\d+))?");
  private static final Pattern CWE = Pattern.compile("CWE-\\d+");

  private final JsonSchema schema;

  public FindingsParser(JsonNode findingsSchema) {
    this.schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(findingsSchema);
  }

  /** What an answer said: findings and overall risk, or the reasons it could not be read. */
  public record Parsed(
      List<Finding> findings, String overallRisk, String format, List<String> errors) {
    public Parsed {
      findings = List.copyOf(findings);
      errors = List.copyOf(errors);
    }

    public boolean ok() {
      return errors.isEmpty();
    }
  }

  public Parsed parse(String reviewer, CodeChunk chunk, String answer) {
    List<String> errors = new ArrayList<>();
    Optional<JsonNode> valid =
        AnswerJson.find(answer, n -> n.isObject() && schema.validate(n).isEmpty());
    if (valid.isPresent()) {
      return fromJson(reviewer, chunk, valid.get());
    }
    Optional<JsonNode> json = AnswerJson.findObject(answer);
    if (json.isPresent()) {
      for (ValidationMessage m : schema.validate(json.get())) {
        errors.add(m.getMessage());
      }
    } else {
      errors.add("no JSON object found in the answer");
    }
    Parsed text = fromText(reviewer, chunk, answer);
    if (text != null) {
      return text;
    }
    errors.add("nor the line-based text format (VULNERABILITY n: ... OVERALL_RISK: ...)");
    return new Parsed(List.of(), null, null, errors);
  }

  private static Parsed fromJson(String reviewer, CodeChunk chunk, JsonNode root) {
    List<Finding> out = new ArrayList<>();
    for (JsonNode f : root.path("findings")) {
      int start = clampLine(chunk, f.path("line_start").asInt(chunk.firstLine()));
      int end = clampLine(chunk, f.path("line_end").asInt(start));
      // a chunk is one file: whatever path the model wrote ("input", "login.py"), the finding is in
      // it
      String file = chunk.file();
      out.add(
          new Finding(
              reviewer,
              f.path("type").asText(),
              f.hasNonNull("cwe") ? f.get("cwe").asText() : null,
              Severity.parse(f.path("severity").asText()),
              file,
              start,
              end,
              f.path("description").asText(),
              f.path("recommendation").asText(),
              f.path("confidence").asDouble(0.5),
              "json"));
    }
    return new Parsed(out, root.path("overall_risk").asText(null), "json", List.of());
  }

  /**
   * The line-based text format, or null when the answer has neither findings nor an overall risk in
   * it.
   */
  static Parsed fromText(String reviewer, CodeChunk chunk, String text) {
    String risk = field(text, "OVERALL_RISK");
    String[] parts = text.split("(?i)VULNERABILITY\\s*\\d*\\s*:");
    List<Finding> out = new ArrayList<>();
    for (int i = 1; i < parts.length; i++) {
      String part = parts[i];
      String type = field(part, "TYPE");
      String description = field(part, "DESCRIPTION");
      if (type == null || description == null) {
        continue;
      }
      String location = field(part, "LOCATION");
      int[] lines = lines(chunk, location);
      Severity severity;
      try {
        severity = Severity.parse(firstWord(field(part, "SEVERITY")));
      } catch (IllegalArgumentException e) {
        severity = Severity.MEDIUM;
      }
      String recommendation = field(part, "RECOMMENDATION");
      Matcher cwe = CWE.matcher(part);
      out.add(
          new Finding(
              reviewer,
              type,
              cwe.find() ? cwe.group() : null,
              severity,
              chunk.file(),
              lines[0],
              lines[1],
              description,
              recommendation == null ? "" : recommendation,
              0.5,
              "text"));
    }
    boolean none = text.toUpperCase(Locale.ROOT).contains("NO VULNERABILITIES FOUND");
    if (out.isEmpty() && risk == null && !none) {
      return null;
    }
    return new Parsed(
        out, risk == null ? null : firstWord(risk).toLowerCase(Locale.ROOT), "text", List.of());
  }

  private static String field(String text, String name) {
    Matcher m =
        Pattern.compile(
                "(?im)^\\s*\\**"
                    + name
                    + "\\**\\s*:\\s*(.+?)\\s*(?=^\\s*\\**[A-Z_]{3,}\\**\\s*:|\\z)",
                Pattern.DOTALL | Pattern.MULTILINE)
            .matcher(text);
    return m.find() ? m.group(1).strip() : null;
  }

  private static String firstWord(String s) {
    if (s == null) {
      return "";
    }
    String t = s.strip().replaceAll("[^A-Za-z].*$", "");
    return t.isEmpty() ? s.strip() : t;
  }

  private static int[] lines(CodeChunk chunk, String location) {
    if (location != null) {
      Matcher m = LINE_NUMBER.matcher(location);
      if (!m.find()) {
        m = ANY_NUMBER.matcher(location);
        if (!m.find()) {
          return functionLines(chunk, location);
        }
      }
      int a = clampLine(chunk, Integer.parseInt(m.group(1)));
      int b = m.group(2) == null ? a : clampLine(chunk, Integer.parseInt(m.group(2)));
      return new int[] {a, Math.max(a, b)};
    }
    return new int[] {chunk.firstLine(), chunk.lastLine()};
  }

  /**
   * A location naming a function ("login function", "reset_password()"): the lines of its
   * definition.
   */
  private static int[] functionLines(CodeChunk chunk, String location) {
    Matcher word =
        Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)\\s*(?:\\(\\)|function|method)").matcher(location);
    String name = word.find() ? word.group(1) : location.strip().split("\\s+")[0];
    for (int i = 0; i < chunk.lines().size(); i++) {
      String l = chunk.lines().get(i);
      if (l.matches(
          ".*\\b(def|function|void|public|private|func|fn)\\b.*\\b"
              + Pattern.quote(name)
              + "\\s*\\(.*")) {
        int start = chunk.firstLine() + i;
        int end = start;
        for (int j = i + 1; j < chunk.lines().size(); j++) {
          String next = chunk.lines().get(j);
          if (!next.isBlank() && !Character.isWhitespace(next.charAt(0))) {
            break;
          }
          if (!next.isBlank()) {
            end = chunk.firstLine() + j;
          }
        }
        return new int[] {start, end};
      }
    }
    return new int[] {chunk.firstLine(), chunk.lastLine()};
  }

  private static int clampLine(CodeChunk chunk, int line) {
    return Math.max(chunk.firstLine(), Math.min(chunk.lastLine(), line));
  }
}
