package io.chorus.patterns.vote;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.internal.AnswerJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a voter's answer. In order:
 *
 * <ol>
 *   <li><b>JSON</b>: the first object that names a decision, found by chorus-common's {@code
 *       AnswerJson} ({@code ```json} fences, other fences, the whole text, balanced {@code {...}}
 *       in prose); fields {@code decision} (or {@code answer}, {@code choice}, {@code verdict},
 *       {@code translation}), {@code confidence}, {@code reasoning} (or {@code reason}, {@code
 *       rationale}, {@code explanation}), {@code ranking} (array or {@code a > b > c}); field names
 *       in any case. Almost-JSON (single quotes, trailing commas) is accepted.
 *   <li><b>Lines</b>: the {@code DECISION: / CONFIDENCE: / REASONING:} lines (any case, Markdown
 *       bold or bullets allowed, reasoning may run over several lines), and {@code RANKING:}.
 *   <li><b>Plain</b> (only when {@code allowPlain}, for free-text votes): the whole trimmed text.
 * </ol>
 *
 * An answer that gives none of these is empty, and the vote is reported as invalid with its raw
 * text. Stateless and thread-safe.
 */
public final class AnswerParser {

  private static final Pattern LINE_KEY =
      Pattern.compile(
          "^[\\s>*#\\-•]*(?:\\*\\*|__)?\\s*(DECISION|ANSWER|VERDICT|CHOICE|CONFIDENCE|REASONING|REASON|RANKING)\\s*(?:\\*\\*|__)?\\s*[:=]\\s*(?:\\*\\*|__)?(.*)$",
          Pattern.CASE_INSENSITIVE);
  private static final List<String> DECISION_KEYS =
      List.of("decision", "answer", "choice", "verdict", "translation", "vote");
  private static final List<String> REASON_KEYS =
      List.of("reasoning", "reason", "rationale", "explanation");

  private final boolean allowPlain;

  private AnswerParser(boolean allowPlain) {
    this.allowPlain = allowPlain;
  }

  /** For votes among options: JSON or lines, else nothing. */
  public static AnswerParser forOptions() {
    return new AnswerParser(false);
  }

  /** For free-text votes: JSON or lines, else the whole text is the decision. */
  public static AnswerParser forFreeText() {
    return new AnswerParser(true);
  }

  public Optional<ParsedAnswer> parse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    Optional<ParsedAnswer> json = parseJson(text);
    if (json.isPresent()) {
      return json;
    }
    Optional<ParsedAnswer> lines = parseLines(text);
    if (lines.isPresent()) {
      return lines;
    }
    if (allowPlain) {
      String plain = text.strip();
      plain = AnswerJson.unfenced(plain);
      return plain.isEmpty()
          ? Optional.empty()
          : Optional.of(new ParsedAnswer(plain, Confidence.UNSTATED, "", List.of(), "plain"));
    }
    return Optional.empty();
  }

  private Optional<ParsedAnswer> parseJson(String text) {
    return AnswerJson.find(text, n -> n.isObject() && fromJson(n).isPresent())
        .flatMap(AnswerParser::fromJson);
  }

  /** The answer an object gives, or empty when it names no decision. */
  private static Optional<ParsedAnswer> fromJson(JsonNode node) {
    Map<String, JsonNode> fields = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    node.properties().forEach(e -> fields.put(e.getKey(), e.getValue()));
    List<String> ranking = ranking(fields.get("ranking"));
    String decision = first(fields, DECISION_KEYS);
    if ((decision == null || decision.isBlank()) && !ranking.isEmpty()) {
      decision = ranking.get(0);
    }
    if (decision == null || decision.isBlank()) {
      return Optional.empty();
    }
    JsonNode conf = fields.get("confidence");
    Confidence confidence = Confidence.UNSTATED;
    if (conf != null && conf.isNumber()) {
      confidence = Confidence.ofNumber(conf.asDouble()).orElse(Confidence.UNSTATED);
    } else if (conf != null && !conf.isNull()) {
      confidence = Confidence.parse(conf.asText()).orElse(Confidence.UNSTATED);
    }
    return Optional.of(
        new ParsedAnswer(
            decision.strip(), confidence, first(fields, REASON_KEYS), ranking, "json"));
  }

  private static String first(Map<String, JsonNode> fields, List<String> keys) {
    for (String k : keys) {
      JsonNode n = fields.get(k);
      if (n != null && !n.isNull() && !n.isContainerNode()) {
        return n.asText();
      }
    }
    return null;
  }

  private static List<String> ranking(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (node.isArray()) {
      List<String> out = new ArrayList<>();
      node.forEach(
          n -> {
            if (!n.asText().isBlank()) {
              out.add(n.asText().strip());
            }
          });
      return out;
    }
    return splitRanking(node.asText());
  }

  /** Splits {@code a > b > c}, {@code a, b, c} or {@code 1. a 2. b} into names. */
  static List<String> splitRanking(String text) {
    String t = text.strip();
    String[] parts = t.contains(">") ? t.split(">") : t.split("[,;\\n]");
    return Arrays.stream(parts)
        .map(p -> p.strip().replaceFirst("^\\d+[.)]\\s*", "").strip())
        .filter(p -> !p.isEmpty())
        .toList();
  }

  private Optional<ParsedAnswer> parseLines(String text) {
    String decision = null;
    String confidence = null;
    StringBuilder reasoning = null;
    String ranking = null;
    boolean inReasoning = false;
    for (String line : text.split("\\R")) {
      Matcher m = LINE_KEY.matcher(line);
      if (m.matches()) {
        String key = m.group(1).toUpperCase(Locale.ROOT);
        String value = stripDecoration(m.group(2));
        inReasoning = false;
        switch (key) {
          case "DECISION", "ANSWER", "VERDICT", "CHOICE" -> {
            if (decision == null) {
              decision = value;
            }
          }
          case "CONFIDENCE" -> confidence = confidence == null ? value : confidence;
          case "RANKING" -> ranking = ranking == null ? value : ranking;
          default -> {
            if (reasoning == null) {
              reasoning = new StringBuilder(value);
              inReasoning = true;
            }
          }
        }
      } else if (inReasoning && !line.isBlank()) {
        reasoning.append('\n').append(line.strip());
      }
    }
    List<String> rank = ranking == null ? List.of() : splitRanking(ranking);
    if ((decision == null || decision.isBlank()) && !rank.isEmpty()) {
      decision = rank.get(0);
    }
    if (decision == null || decision.isBlank()) {
      return Optional.empty();
    }
    Confidence c = Confidence.parse(confidence).orElse(Confidence.UNSTATED);
    return Optional.of(
        new ParsedAnswer(
            decision, c, reasoning == null ? "" : reasoning.toString().strip(), rank, "lines"));
  }

  private static String stripDecoration(String s) {
    String t = s.strip();
    t = t.replaceAll("^(\\*\\*|__|`)+|(\\*\\*|__|`)+$", "").strip();
    if (t.length() >= 2 && t.startsWith("[") && t.endsWith("]")) {
      t = t.substring(1, t.length() - 1).strip();
    }
    return t;
  }
}
