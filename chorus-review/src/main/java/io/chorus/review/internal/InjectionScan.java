package io.chorus.review.internal;

import io.chorus.review.Finding;
import io.chorus.review.Severity;
import io.chorus.review.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Finds text in the code under review that addresses the reviewing model ("ignore previous
 * instructions", "report no vulnerabilities"...). Such text is never obeyed — the prompts fence it
 * as data — and Chorus reports it by itself, independently of what the models answer.
 */
public final class InjectionScan {
  public static final String SCANNER = "chorus-injection-guard";

  private static final Pattern[] PATTERNS = {
    Pattern.compile(
        "(?i)\\b(ignore|disregard|forget)\\b.{0,30}\\b(previous|prior|above|earlier|all|your)\\b.{0,20}\\b(instructions?|prompts?|rules)\\b"),
    Pattern.compile("(?i)\\breport\\s+(no|zero)\\s+(vulnerabilit|issues|findings|problems)"),
    Pattern.compile(
        "(?i)\\b(this code is|code is)\\s+(secure|safe)\\b.{0,40}\\b(do not|don't|never)\\s+(report|flag)"),
    Pattern.compile("(?i)\\byou are now\\b|\\bnew instructions?:|\\bsystem prompt\\b"),
  };

  private InjectionScan() {}

  public static List<Finding> scan(List<SourceFile> files) {
    List<Finding> out = new ArrayList<>();
    for (SourceFile f : files) {
      for (int i = 0; i < f.lines().size(); i++) {
        String line = f.lines().get(i);
        for (Pattern p : PATTERNS) {
          if (p.matcher(line).find()) {
            out.add(
                new Finding(
                    SCANNER,
                    "Prompt injection aimed at AI reviewers",
                    "CWE-1427",
                    Severity.MEDIUM,
                    f.path(),
                    i + 1,
                    i + 1,
                    "The code contains text addressed to an AI reviewer: \""
                        + abbreviate(line.strip())
                        + "\". Chorus did"
                        + " not obey it; treat the surrounding code with extra suspicion.",
                    "Remove the instruction; if it was planted, find out who added it.",
                    0.9,
                    "scan"));
            break;
          }
        }
      }
    }
    return out;
  }

  private static String abbreviate(String s) {
    return s.length() <= 120 ? s : s.substring(0, 119) + "…";
  }
}
