package io.chorus.common.internal;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the JSON object or array in a model's answer: the one extractor of voting, review, agents
 * and claims (four copies with different fence rules before). Models wrap JSON in prose and fences
 * despite instructions, hence the leniency. Candidates, in this order:
 *
 * <ol>
 *   <li>each {@code ```json} fenced block (any case, info string after the language allowed);
 *   <li>each other fenced block ({@code ```}, {@code ```js}, inline {@code ```{...}```});
 *   <li>the whole answer;
 *   <li>each balanced {@code {...}} from left to right, then each balanced {@code [...]} (strings
 *       skipped, so a brace inside a string does not count), so prose before, between and after is
 *       ignored; objects first because a bracket in prose is more often a citation ({@code [1]})
 *       than the answer.
 * </ol>
 *
 * Each candidate is read with {@link Json#ANSWERS} (almost-JSON accepted, one value only); the
 * first object or array the caller accepts wins. Stateless and thread-safe. Internal: not part of
 * any module's public API.
 */
public final class AnswerJson {

  /**
   * At most this many positions of each bracket are tried: an answer full of braces stays cheap.
   */
  private static final int MAX_STARTS = 64;

  private static final Pattern FENCE =
      Pattern.compile("```[ \\t]*([A-Za-z0-9_+.-]*)(?:[^\\n`{\\[]*\\n)?(.*?)```", Pattern.DOTALL);

  private AnswerJson() {}

  /**
   * What a search found.
   *
   * @param accepted the first object or array the caller accepted
   * @param first the first object or array that parsed, accepted or not (to say what was wrong)
   * @param error why the first candidate that looked like JSON did not parse, with line and column;
   *     null when some candidate parsed or none looked like JSON
   */
  public record Scan(Optional<JsonNode> accepted, Optional<JsonNode> first, String error) {

    /** Whether anything in the answer looked like JSON ({@code {} or {@code [}). */
    public boolean sawJson() {
      return first.isPresent() || error != null;
    }
  }

  /** The first JSON object or array in {@code text}. */
  public static Optional<JsonNode> find(String text) {
    return scan(text, n -> true).accepted();
  }

  /** The first JSON object in {@code text}. */
  public static Optional<JsonNode> findObject(String text) {
    return scan(text, JsonNode::isObject).accepted();
  }

  /** The first JSON object or array in {@code text} that {@code accept} holds for. */
  public static Optional<JsonNode> find(String text, Predicate<JsonNode> accept) {
    return scan(text, accept).accepted();
  }

  /** Searches {@code text} as the class comment says, noting what it saw on the way. */
  public static Scan scan(String text, Predicate<JsonNode> accept) {
    JsonNode first = null;
    String error = null;
    if (text == null) {
      return new Scan(Optional.empty(), Optional.empty(), null);
    }
    for (String candidate : candidates(text)) {
      String t = candidate.strip();
      if (t.isEmpty() || (t.charAt(0) != '{' && t.charAt(0) != '[')) {
        continue;
      }
      JsonNode node;
      try {
        node = Json.ANSWERS.readTree(t);
      } catch (JsonProcessingException e) {
        if (error == null) {
          JsonLocation loc = e.getLocation();
          error =
              (loc == null
                      ? ""
                      : "at line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ": ")
                  + e.getOriginalMessage();
        }
        continue;
      }
      if (node == null || !node.isContainerNode()) {
        continue;
      }
      if (first == null) {
        first = node;
      }
      if (accept.test(node)) {
        return new Scan(Optional.of(node), Optional.of(first), null);
      }
    }
    return new Scan(Optional.empty(), Optional.ofNullable(first), first == null ? error : null);
  }

  /**
   * {@code text} without a fence around it: the content of a fenced block when the whole (stripped)
   * text is one, else the stripped text.
   */
  public static String unfenced(String text) {
    String t = text.strip();
    Matcher m = FENCE.matcher(t);
    return m.matches() ? m.group(2).strip() : t;
  }

  /** The candidates in the order the class comment gives, without repeats. */
  static List<String> candidates(String text) {
    List<String> json = new ArrayList<>();
    List<String> other = new ArrayList<>();
    Matcher m = FENCE.matcher(text);
    while (m.find()) {
      (m.group(1).equalsIgnoreCase("json") ? json : other).add(m.group(2));
    }
    Set<String> out = new LinkedHashSet<>(json);
    out.addAll(other);
    out.add(text);
    for (char open : new char[] {'{', '['}) {
      int starts = 0;
      for (int i = text.indexOf(open);
          i >= 0 && starts < MAX_STARTS;
          i = text.indexOf(open, i + 1)) {
        starts++;
        int end = closing(text, i);
        if (end > i) {
          out.add(text.substring(i, end + 1));
        }
      }
    }
    return List.copyOf(out);
  }

  /**
   * The index of the bracket closing the one at {@code start}, skipping double- and single-quoted
   * strings (almost-JSON quotes with either); -1 if it is not closed.
   */
  static int closing(String s, int start) {
    int depth = 0;
    char quote = 0;
    for (int i = start; i < s.length(); i++) {
      char c = s.charAt(i);
      if (quote != 0) {
        if (c == '\\') {
          i++;
        } else if (c == quote) {
          quote = 0;
        }
      } else if (c == '"' || c == '\'') {
        quote = c;
      } else if (c == '{' || c == '[') {
        depth++;
      } else if ((c == '}' || c == ']') && --depth == 0) {
        return i;
      }
    }
    return -1;
  }
}
