package io.chorus.sim.internal;

import io.chorus.core.TokenEstimate;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Rule;
import io.chorus.sim.VoteSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides what a request is answered: the first matching {@link Rule}, else a vote when the prompt
 * lists options, else readable pseudo-sentences. All randomness is seeded by the simulator seed and
 * the request body's hash, so an identical request gets an identical answer.
 */
final class Answers {
  private static final Pattern OPTIONS_LINE =
      Pattern.compile("(?im)choose exactly one of these options\\s*:\\s*(.+)$");
  private static final Pattern OPTIONS_PLAIN = Pattern.compile("(?im)^\\s*options\\s*:\\s*(.+)$");

  private static final String[] WORDS =
      ("the a system model answer result evidence option choice signal value team plan data test run call "
              + "careful quick steady clear strong weak likely unlikely simple complex early late small large "
              + "shows suggests supports favours weighs checks compares follows explains confirms needs "
              + "because while although therefore however overall first next then finally also still "
              + "risk cost benefit budget latency quality review draft summary report reason point case "
              + "each every most some many few both either neither several other same different "
              + "question problem approach method process outcome trend pattern source claim step")
          .split(" ");

  private final long seed;
  private final List<Rule> rules;

  Answers(long seed, List<Rule> rules) {
    this.seed = seed;
    this.rules = List.copyOf(rules);
  }

  Answer answer(ParsedCall call, ModelBehaviour behaviour) {
    SplittableRandom random = Seeds.random(seed, call.bodyHash(), 0xA5);
    String text = null;
    for (Rule r : rules) {
      if (r.matches(call.model(), call.system(), call.user())) {
        text = r.text() != null ? r.text() : vote(r.vote(), call, random);
        break;
      }
    }
    ToolRequest tools = call.tools();
    if (text == null && tools.callsTool()) {
      ToolRequest.Tool tool = tools.tool();
      String args = SchemaInstance.of(tool.schema(), call.user(), "sample", random).toString();
      return new Answer(
          "",
          null,
          Answer.Stop.TOOL_USE,
          null,
          List.of(new Answer.Call(WireIds.base62("", 24, random), tool.name(), args)));
    }
    boolean scripted = text != null;
    if (text == null && tools.toolResults() != null) {
      text = "The tool answered: " + tools.toolResults();
    }
    if (text == null) {
      List<String> options = optionsIn(call.system() + "\n" + call.user());
      if (options.size() >= 2) {
        // an unscripted voter picks uniformly: "correct" is the first option with probability 1/n
        text =
            vote(
                VoteSpec.builder().options(options).accuracy(1.0 / options.size()).build(),
                call,
                random);
      } else {
        text = sentences(random, 20 + random.nextInt(131));
      }
    }
    if (!scripted && tools.format().equals("json_object")) {
      text = "{\"answer\": " + Json.quote(text) + "}";
    } else if (!scripted && tools.format().equals("json_schema")) {
      text = SchemaInstance.of(tools.schema(), call.user(), text, random).toString();
    }
    String reasoning = behaviour.reasoning() ? sentences(random, 20 + random.nextInt(41)) : null;
    return limit(text, reasoning, call);
  }

  /** Applies stop sequences, then max_tokens. */
  private static Answer limit(String text, String reasoning, ParsedCall call) {
    Answer.Stop stop = Answer.Stop.END;
    String stopSequence = null;
    int cut = -1;
    for (String s : call.stopSequences()) {
      int at = s.isEmpty() ? -1 : text.indexOf(s);
      if (at >= 0 && (cut < 0 || at < cut)) {
        cut = at;
        stopSequence = s;
      }
    }
    if (cut >= 0) {
      text = text.substring(0, cut);
      stop = Answer.Stop.STOP_SEQUENCE;
    }
    if (call.maxTokens() >= 0 && TokenEstimate.of(text) > call.maxTokens()) {
      text = text.substring(0, (int) Math.min(text.length(), call.maxTokens() * 4));
      stop = Answer.Stop.MAX_TOKENS;
      stopSequence = null;
    }
    return new Answer(text, reasoning, stop, stopSequence);
  }

  private String vote(VoteSpec spec, ParsedCall call, SplittableRandom random) {
    List<String> options =
        spec.options().isEmpty() ? optionsIn(call.system() + "\n" + call.user()) : spec.options();
    if (options.isEmpty() && spec.correct() != null) {
      options = List.of(spec.correct());
    }
    if (options.isEmpty()) {
      return sentences(random, 40);
    }
    String correct = spec.correct() != null ? spec.correct() : options.get(0);
    double p = spec.accuracyFor(call.model(), call.system());
    boolean right = random.nextDouble() < p;
    String decision = correct;
    if (!right) {
      List<String> others = new ArrayList<>(options);
      others.remove(correct);
      if (!others.isEmpty()) {
        decision = others.get(random.nextInt(others.size()));
        right = false;
      } else {
        right = true;
      }
    }
    double c = random.nextDouble();
    String confidence =
        right
            ? (c < 0.6 ? "high" : c < 0.9 ? "medium" : "low")
            : (c < 0.2 ? "high" : c < 0.6 ? "medium" : "low");
    String reasoning = sentences(random, 25) + " On balance " + decision + " fits best.";
    if (spec.json()) {
      return "{\"decision\": "
          + Json.quote(decision)
          + ", \"confidence\": \""
          + confidence
          + "\", \"reasoning\": "
          + Json.quote(reasoning)
          + "}";
    }
    return "DECISION: " + decision + "\nCONFIDENCE: " + confidence + "\nREASONING: " + reasoning;
  }

  /** The options listed in a prompt, in order; empty when there is no options line. */
  static List<String> optionsIn(String prompt) {
    Matcher m = OPTIONS_LINE.matcher(prompt);
    if (!m.find()) {
      m = OPTIONS_PLAIN.matcher(prompt);
      if (!m.find()) {
        return List.of();
      }
    }
    List<String> out = new ArrayList<>();
    for (String part : m.group(1).split(",")) {
      String o = part.strip();
      if (o.startsWith("or ")) {
        o = o.substring(3).strip();
      }
      while (o.endsWith(".") || o.endsWith(";")) {
        o = o.substring(0, o.length() - 1).strip();
      }
      if (o.length() >= 2
          && (o.charAt(0) == '"' || o.charAt(0) == '\'' || o.charAt(0) == '`')
          && o.charAt(o.length() - 1) == o.charAt(0)) {
        o = o.substring(1, o.length() - 1);
      }
      if (!o.isEmpty() && !out.contains(o)) {
        out.add(o);
      }
    }
    return out;
  }

  /** Readable pseudo-sentences of about {@code tokens} tokens. */
  static String sentences(SplittableRandom random, int tokens) {
    StringBuilder sb = new StringBuilder();
    while (TokenEstimate.of(sb) < tokens) {
      int words = 6 + random.nextInt(9);
      if (!sb.isEmpty()) {
        sb.append(' ');
      }
      for (int i = 0; i < words; i++) {
        String w = WORDS[random.nextInt(WORDS.length)];
        if (i == 0) {
          sb.append(Character.toUpperCase(w.charAt(0))).append(w, 1, w.length());
        } else {
          sb.append(' ').append(w);
        }
      }
      sb.append('.');
    }
    return sb.toString();
  }
}
