package io.chorus.semantics.internal;

import io.chorus.semantics.Claim;
import io.chorus.semantics.Stance;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Heuristic claim splitter for markdown-ish LLM answers. Structure first (headings, list items,
 * paragraphs), then sentences; code blocks, meta sections (Next steps, Metadata…), greetings,
 * process talk ("As Grok, I'll…", "In Round 1, I proposed…"), bare stance phrases ("I agree", "I
 * align with") and labels ("Benefit 2:", "Example:") are removed. A leading stance phrase is turned
 * into the claim's {@link Stance} and the rest kept. Stateless; patterns are precompiled.
 */
public final class ClaimSplitter {

  private ClaimSplitter() {}

  private static final int CI = Pattern.CASE_INSENSITIVE;
  private static final Pattern FENCE = Pattern.compile("^\\s*(```|~~~).*");
  private static final Pattern HEADING = Pattern.compile("^\\s{0,3}(#{1,6})\\s+(.*?)\\s*#*\\s*$");
  private static final Pattern BOLD_LINE = Pattern.compile("^\\s*\\*\\*([^*]+)\\*\\*\\s*:?\\s*$");
  private static final Pattern LIST_ITEM =
      Pattern.compile("^\\s*(?:[-*+\u2022]|\\d{1,3}[.)]|[a-zA-Z][.)])\\s+(.*)$");
  private static final Pattern TABLE_RULE = Pattern.compile("^\\s*\\|?[\\s:|-]+\\|[\\s:|-]*$");

  /** Headings whose whole section is process, not substance. */
  private static final Pattern META_SECTION =
      Pattern.compile(
          "\\b(next steps?|metadata|full conversation|references|sources|word count|"
              + "action items|follow[- ]ups?|open questions for)\\b",
          CI);

  /** Headings that are titles or process labels; their section's content is kept. */
  private static final Pattern META_HEADING =
      Pattern.compile(
          "\\b(proposal|recap|response to|round \\d+|summary|overview|introduction|conclusion|"
              + "unified|consensus|my (take|view|position|answer)|perspective|final answer|"
              + "agreements?|disagreements?|key points|discussion)\\b",
          CI);

  private static final Pattern STANCE_PREFIX =
      Pattern.compile(
          "^(?:(?:however|but|also|and|overall|still|so|yes|no|indeed)[,]?\\s+)?"
              + "(?:i|we)\\s+(?:(?:\\w+ly|also|still)\\s+)?"
              + "(agree|align|concur|disagree|differ|second|echo)(?:s|d)?"
              + "(?:\\s+(?:slightly|somewhat|partially|partly|fully|strongly|completely|entirely))?"
              + "(?:\\s+with\\b(?:\\s+[^,;:.\u2014\u2013]*?)?)?"
              + "(?=\\s+(?:on|that|about|regarding|in that|here)\\b|[,;:.!\u2014\u2013]|$)"
              + "(?:\\s+(?:on|that|about|regarding|in that|here)\\b)?[\\s,;:.!\u2014\u2013]*",
          CI);

  /**
   * Agreement without a subject of its own: "Agreed.", "Agreed on all points.", "Fully agree with
   * Claude.", "Same here.", "+1", "Nothing to add.", "Sounds good." Such a sentence says only that
   * its author agrees; it is never a claim.
   */
  private static final Pattern AGREEMENT_ONLY =
      Pattern.compile(
          "^(?:(?:yes|ok|okay|sure|great|indeed|absolutely|exactly|well|so)[,!.]?\\s+)?"
              + "(?:(?:i|we)\\s+)?(?:(?:fully|completely|totally|entirely|strongly|wholeheartedly|also|both|all)\\s+)?"
              + "(?:agreed|agree|agrees|concur|concurs|aligned|align|seconded|second|echo|likewise|same here|\\+1"
              + "|(?:i have |we have )?nothing (?:further |more |else )?to add|sounds good|that works(?: for me)?"
              + "|no objections?|no further (?:changes|comments|points|additions))"
              + "(?:\\s+(?:on|with|to|about|regarding)\\s+(?:all|every|each|both|the|these|those|this|that|everything|"
              + "it|them|you|me|us|him|her|(?-i:[A-Z][\\w-]*)(?:'s)?|above|said|so|far|of|and|points?|items?|counts?|fronts?|"
              + "respects?|aspects?|benefits?|suggestions?|proposals?|lists?|answers?|views?|\\s)*)?"
              + "(?:\\s+(?:here|too|as well|entirely|completely|fully))?[\\s.!,;:]*$",
          CI);

  private static final Pattern HEDGE =
      Pattern.compile(
          "^(?:i think|i believe|i'd argue|i would argue|in my (?:view|opinion)|to be clear|"
              + "importantly|notably|in short|in practice|practically)(?:\\s+that)?[,\\s]+",
          CI);

  private static final Pattern META_SENTENCE =
      Pattern.compile(
          "^(?:as (?:an? )?(?:ai|assistant|language model|[A-Z][\\w-]*),\\s*(?:i|we)\\b"
              + "|(?:i'll|i will|i'm going to|i aimed|i aim|i await|i proposed|i'm proposing"
              + "|i focused|i wanted|i hope|i look forward|i'd like|i would like|i want to"
              + "|let me|let's|let us|here's|here is|here are|below is|below are|the following"
              + "|to summarize|in summary|to recap|to sum up|leveraging|building on (?:both|these)"
              + "|this is my|my (?:focus|goal|aim|initial|take)|looking forward)\\b"
              + "|(?:this|that|these)\\s+(?:highlights?|shows?|reflects?|summarizes?|captures?)\\b"
              + "|(?:great|good|excellent|interesting) (?:question|point|points)\\b"
              + "|(?:hi|hello|hey|thanks|thank you|sure|certainly|absolutely|of course|okay|ok)"
              + "\\b[!,.]?\\s*$)",
          CI);

  private static final Pattern PROCESS_TALK =
      Pattern.compile("\\bround\\s+\\d+\\b|\\bword count\\b|\\bnext steps?\\b", CI);

  private static final Pattern LABEL =
      Pattern.compile(
          "^(?:benefit|advantage|disadvantage|pro|con|drawback|point|claim|key point|note|reason"
              + "|insight|implementation insight|why|rationale|answer|final answer|decision"
              + "|recommendation|takeaway|tl;dr|summary)\\s*\\d*\\s*[:\u2014\u2013-]\\s+",
          CI);

  private static final Pattern EXAMPLE_LABEL =
      Pattern.compile(
          "^(?:example|implementation example|code example|for example|e\\.g\\.)"
              + "\\s*\\d*\\s*[:,]",
          CI);

  private static final Pattern META_PAREN =
      Pattern.compile(
          "\\s*\\((?=[^()]*\\b(?:agree\\w*|align\\w*|consensus|round|word count|refines|"
              + "builds on|partial|perspective|my |your |both)\\b)[^()]*\\)",
          CI);

  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?])[\"')\\]]?\\s+(?=[\"'(\\[]?[A-Z0-9])");

  /** Splits an answer into claims, in order, without duplicates. */
  public static List<Claim> split(String answer) {
    if (answer == null || answer.isBlank()) {
      return List.of();
    }
    Map<String, Claim> out = new LinkedHashMap<>();
    List<String> units = units(answer);
    for (String unit : units) {
      for (String sentence : sentences(Markdown.inline(unit))) {
        Claim c = claim(sentence);
        if (c != null) {
          out.putIfAbsent(c.text().toLowerCase(Locale.ROOT), c);
        }
      }
    }
    return List.copyOf(out.values());
  }

  /** Whether a sentence is filler or meta-talk that carries no claim. */
  public static boolean isFiller(String sentence) {
    return claim(Markdown.inline(sentence)) == null;
  }

  /** Block structure: headings, list items, table rows and paragraphs become units of text. */
  private static List<String> units(String answer) {
    List<String> units = new ArrayList<>();
    StringBuilder para = new StringBuilder();
    boolean inCode = false;
    int skipLevel = 0;
    for (String line : answer.replace("\r\n", "\n").replace('\r', '\n').split("\n")) {
      if (FENCE.matcher(line).matches()) {
        inCode = !inCode;
        flush(para, units);
        continue;
      }
      if (inCode) {
        continue;
      }
      Matcher h = HEADING.matcher(line);
      if (h.matches()) {
        flush(para, units);
        int level = h.group(1).length();
        String text = Markdown.inline(h.group(2));
        if (skipLevel > 0 && level > skipLevel) {
          continue;
        }
        skipLevel = 0;
        if (META_SECTION.matcher(text).find()) {
          skipLevel = level;
        } else if (level > 1 && !META_HEADING.matcher(text).find()) {
          units.add(text);
        }
        continue;
      }
      if (skipLevel > 0) {
        continue;
      }
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        flush(para, units);
        continue;
      }
      Matcher bold = BOLD_LINE.matcher(trimmed);
      if (bold.matches()) {
        flush(para, units);
        String text = bold.group(1).strip();
        if (META_SECTION.matcher(text).find()) {
          skipLevel = 7; // bold pseudo-heading: skip until the next real heading
        } else if (!trimmed.endsWith(":") && !META_HEADING.matcher(text).find()) {
          units.add(text);
        }
        continue;
      }
      Matcher item = LIST_ITEM.matcher(line);
      if (item.matches()) {
        flush(para, units);
        units.add(item.group(1));
        continue;
      }
      if (trimmed.startsWith("|")) {
        flush(para, units);
        if (!TABLE_RULE.matcher(trimmed).matches()) {
          units.add(String.join(", ", trimmed.replaceAll("^\\||\\|$", "").split("\\|")));
        }
        continue;
      }
      if (trimmed.startsWith(">")) {
        trimmed = trimmed.replaceFirst("^>+\\s*", "");
      }
      para.append(para.length() == 0 ? "" : " ").append(trimmed);
    }
    flush(para, units);
    return units;
  }

  private static void flush(StringBuilder para, List<String> units) {
    if (para.length() > 0) {
      units.add(para.toString());
      para.setLength(0);
    }
  }

  static List<String> sentences(String text) {
    List<String> out = new ArrayList<>();
    for (String s : SENTENCE_END.split(protectAbbreviations(text))) {
      String r = s.replace('\u0001', '.').strip();
      if (!r.isEmpty()) {
        out.add(r);
      }
    }
    return out;
  }

  private static String protectAbbreviations(String text) {
    return text.replaceAll("(?i)\\b(e\\.g|i\\.e|vs|etc|approx|cf|mr|mrs|dr)\\.", "$1\u0001")
        .replaceAll("(?i)\\b(e\u0001g|i\u0001e)\\.", "$1\u0001");
  }

  /**
   * Whether an answer only agrees: it has no claim of its own, and at least one of its sentences is
   * a bare agreement ("I agree.", "I align with Claude.", "Agreed on all points.").
   */
  public static boolean onlyAgrees(String answer) {
    if (answer == null || answer.isBlank() || !split(answer).isEmpty()) {
      return false;
    }
    for (String unit : units(answer)) {
      for (String sentence : sentences(Markdown.inline(unit))) {
        String s = sentence.replaceAll("\\s+", " ").strip();
        if (agreementOnly(s)) {
          return true;
        }
        Matcher m = STANCE_PREFIX.matcher(s);
        if (m.find() && m.end() > 0 && !m.group(1).toLowerCase(Locale.ROOT).startsWith("d")) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * Bare agreement; long sentences always say more, and are not matched (no costly backtracking).
   */
  private static boolean agreementOnly(String sentence) {
    return sentence.length() <= 120 && AGREEMENT_ONLY.matcher(sentence).matches();
  }

  /** One sentence to a claim, or null when it carries none. */
  private static Claim claim(String raw) {
    String s = raw.replaceAll("\\s+", " ").strip();
    s = META_PAREN.matcher(s).replaceAll("");
    if (agreementOnly(s)) {
      return null;
    }
    Stance stance = Stance.UNSTATED;
    Matcher m = STANCE_PREFIX.matcher(s);
    if (m.find() && m.end() > 0) {
      String verb = m.group(1).toLowerCase(Locale.ROOT);
      if (verb.equals("disagree") || verb.equals("differ")) {
        // "I disagree that X" holds not-X: the sentence stays whole so Polarity reads
        // "disagree" as the negation it is; only a leading connector goes.
        stance = Stance.DISAGREE;
        if (s.substring(m.end()).isBlank()) {
          return null; // "I disagree." alone says nothing
        }
        s =
            s.replaceFirst(
                "(?i)^(?:however|but|also|and|overall|still|so|yes|no|indeed),?\\s+", "");
      } else {
        stance = Stance.AGREE;
        s = s.substring(m.end()).strip();
        s = s.replaceFirst("(?i)^the (?:core|idea|point|importance) of\\s+", "");
      }
    }
    s = HEDGE.matcher(s).replaceFirst("");
    if (EXAMPLE_LABEL.matcher(s).find()) {
      return null;
    }
    s = LABEL.matcher(s).replaceFirst("");
    s = s.replaceFirst("^[\\s,;:.\u2014\u2013-]+", "").strip();
    if (s.isEmpty() || s.endsWith(":")) {
      return null; // empty, or an introduction to a list ("These were:")
    }
    if (META_SENTENCE.matcher(s).find() || PROCESS_TALK.matcher(s).find()) {
      return null;
    }
    if (Words.tokens(s).stream().noneMatch(t -> !Words.isStopWord(t) && t.length() > 1)) {
      return null;
    }
    if (!s.isEmpty() && Character.isLowerCase(s.charAt(0))) {
      s = Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
    return new Claim(s, stance);
  }
}
