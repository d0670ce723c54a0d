package io.chorus.deliberation;

import java.util.List;

/** The prompts of the protocol, in one place so that they can be read and changed together. */
final class DeliberationPrompts {
  private DeliberationPrompts() {}

  static final String BASE_SYSTEM =
      "You are one participant in a structured deliberation between several AI models. Be concrete and"
          + " concise. State each key point as its own numbered item, one sentence each, so that points can"
          + " be compared across participants.";

  static String system(Participant p) {
    return p.persona() == null || p.persona().isBlank()
        ? BASE_SYSTEM
        : BASE_SYSTEM + "\n\n" + p.persona();
  }

  static String proposal(String task) {
    return "Task: "
        + task
        + "\n\nRound 1: give your own independent answer. List your key points as a"
        + " numbered list (1., 2., 3., ...), one point per item.";
  }

  /**
   * A revision prompt showing the other participants' latest answers.
   *
   * @param others pairs of (label, answer), already anonymized when asked
   */
  static String revision(String task, int round, String ownLast, List<String[]> others) {
    StringBuilder sb = new StringBuilder();
    sb.append("Task: ")
        .append(task)
        .append("\n\nRound ")
        .append(round)
        .append(": here are the other participants' latest answers.\n");
    for (String[] o : others) {
      sb.append("\n<answer from=\"")
          .append(o[0])
          .append("\">\n")
          .append(o[1])
          .append("\n</answer>\n");
    }
    if (ownLast != null) {
      sb.append("\nYour previous answer:\n<answer from=\"you\">\n")
          .append(ownLast)
          .append("\n</answer>\n");
    }
    sb.append(
        "\nRevise your answer. First write a line AGREEMENTS: naming the points you share, then a line"
            + " DISAGREEMENTS: naming the points you dispute and why (or 'none'). Then write REVISED ANSWER: followed"
            + " by your full revised answer as a numbered list, one point per item.");
    return sb.toString();
  }

  static String synthesis(String task, List<String[]> answers) {
    StringBuilder sb = new StringBuilder();
    sb.append("Task: ").append(task).append("\n\nThese are the final answers of a deliberation:\n");
    for (String[] a : answers) {
      sb.append("\n<answer from=\"")
          .append(a[0])
          .append("\">\n")
          .append(a[1])
          .append("\n</answer>\n");
    }
    sb.append(
        "\nWrite the unified plan: one numbered list that keeps every point the participants share,"
            + " then a short section 'Open questions' for points they dispute. Do not invent points nobody made.");
    return sb.toString();
  }

  /** The revised answer part of a revision (after "REVISED ANSWER:"), or the whole text. */
  static String revisedPart(String text) {
    int i = text.toUpperCase(java.util.Locale.ROOT).lastIndexOf("REVISED ANSWER:");
    return i < 0 ? text : text.substring(i + "REVISED ANSWER:".length()).strip();
  }
}
