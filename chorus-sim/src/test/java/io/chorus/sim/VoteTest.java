package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class VoteTest {
  static final String QUESTION =
      "Which colour? You must choose exactly one of these options: red, green, blue";
  static final Pattern DECISION =
      Pattern.compile(
          "^DECISION: (\\S+)\nCONFIDENCE: (high|medium|low)\nREASONING: .+", Pattern.DOTALL);

  static String ask(Simulator sim, String model, String system, String user) {
    ObjectNode body = Wire.anthropicBody(model, user, 400, false);
    if (system != null) {
      body.put("system", system);
    }
    return Wire.json(Wire.anthropic(sim, "k", body)).path("content").path(0).path("text").asText();
  }

  /** Decisions over {@code n} trials that differ only by a trial number in the prompt. */
  static Map<String, Integer> tally(Simulator sim, String model, String system, int n)
      throws Exception {
    Map<String, Integer> counts = new HashMap<>();
    // A tally is about answers, not load: at most 32 requests in flight. Sending all 2,000 at once
    // opened 2,000 connections whose connects queued behind the accept loop, and on a loaded 2-core
    // machine some passed the client's 5 s connect timeout (HttpConnectTimeoutException).
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(32);
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      java.util.List<Future<String>> answers = new java.util.ArrayList<>();
      for (int i = 0; i < n; i++) {
        String user = "Trial " + i + ". " + QUESTION;
        answers.add(
            pool.submit(
                () -> {
                  inFlight.acquire();
                  try {
                    return ask(sim, model, system, user);
                  } finally {
                    inFlight.release();
                  }
                }));
      }
      for (Future<String> f : answers) {
        Matcher m = DECISION.matcher(f.get());
        assertThat(m.matches()).as(f.get()).isTrue();
        counts.merge(m.group(1), 1, Integer::sum);
      }
    }
    return counts;
  }

  @Test
  void accuracyIsTheConfiguredProbabilityAndWrongAnswersAreUniform() throws Exception {
    try (Simulator sim =
        Simulator.builder()
            .seed(11)
            .model("m", ModelBehaviour.INSTANT)
            .rule(
                Rule.builder()
                    .userContains("choose exactly one")
                    .vote(VoteSpec.builder().correct("green").accuracy(0.7).build()))
            .start()) {
      Map<String, Integer> t = tally(sim, "m", null, 2000);
      // sd of the proportion is 0.0102 at n = 2000; 0.035 is more than 3 sd
      assertThat(t.get("green") / 2000.0)
          .isCloseTo(0.7, org.assertj.core.data.Offset.offset(0.035));
      assertThat(t.get("red") / 2000.0).isCloseTo(0.15, org.assertj.core.data.Offset.offset(0.03));
      assertThat(t.get("blue") / 2000.0).isCloseTo(0.15, org.assertj.core.data.Offset.offset(0.03));
    }
  }

  @Test
  void personaAndModelAccuraciesOverrideTheDefault() throws Exception {
    VoteSpec spec =
        VoteSpec.builder()
            .correct("blue")
            .accuracy(0.5)
            .accuracyForModel("m", 0.2)
            .accuracyForPersona("careful expert", 0.95)
            .build();
    try (Simulator sim =
        Simulator.builder()
            .seed(2)
            .model("m", ModelBehaviour.INSTANT)
            .model("n", ModelBehaviour.INSTANT)
            .rule(Rule.builder().userContains("choose exactly one").vote(spec))
            .start()) {
      assertThat(tally(sim, "m", "You are a careful expert.", 400).getOrDefault("blue", 0) / 400.0)
          .isGreaterThan(0.9);
      assertThat(tally(sim, "m", "You are quick.", 400).getOrDefault("blue", 0) / 400.0)
          .isBetween(0.12, 0.28);
      assertThat(tally(sim, "n", null, 400).getOrDefault("blue", 0) / 400.0).isBetween(0.42, 0.58);
    }
  }

  @Test
  void identicalRequestsGetIdenticalVotesAndJsonFormatParses() {
    VoteSpec spec =
        VoteSpec.builder().options("yes", "no").correct("yes").accuracy(0.5).json(true).build();
    try (Simulator sim =
        Simulator.builder()
            .seed(4)
            .rule(Rule.builder().userRegex("(?i)should we").vote(spec))
            .start()) {
      String a = ask(sim, "instant", null, "Should we ship?");
      assertThat(ask(sim, "instant", null, "Should we ship?")).isEqualTo(a);
      JsonNode j = Wire.JSON.valueToTree(parse(a));
      assertThat(j.path("decision").asText()).isIn("yes", "no");
      assertThat(j.path("confidence").asText()).isIn("high", "medium", "low");
      assertThat(j.path("reasoning").asText()).isNotBlank();
    }
  }

  private static JsonNode parse(String text) {
    try {
      return Wire.JSON.readTree(text);
    } catch (java.io.IOException e) {
      throw new AssertionError("not JSON: " + text, e);
    }
  }

  @Test
  void unscriptedPromptsWithOptionsStillGetAWellFormedVote() {
    try (Simulator sim = Simulator.builder().start()) {
      String a = ask(sim, "instant", null, QUESTION);
      Matcher m = DECISION.matcher(a);
      assertThat(m.matches()).isTrue();
      assertThat(m.group(1)).isIn("red", "green", "blue");
    }
  }

  @Test
  void fixedTextRuleMatchesOnModelAndSystemPrompt() {
    try (Simulator sim =
        Simulator.builder()
            .rule(Rule.builder().model("instant").systemContains("pirate").text("Arr."))
            .start()) {
      assertThat(ask(sim, "instant", "You are a pirate.", "hi")).isEqualTo("Arr.");
      assertThat(ask(sim, "instant", "You are a clerk.", "hi")).isNotEqualTo("Arr.");
      assertThat(ask(sim, "fast", "You are a pirate.", "hi")).isNotEqualTo("Arr.");
    }
  }

  @Test
  void answersAreDeterministicBySeed() {
    String a1;
    String b1;
    try (Simulator a = Simulator.builder().seed(1).start()) {
      a1 = ask(a, "instant", null, "Write something");
    }
    try (Simulator a = Simulator.builder().seed(1).start()) {
      assertThat(ask(a, "instant", null, "Write something")).isEqualTo(a1);
      ObjectNode sample =
          Wire.anthropicBody("instant", "Write something", 400, false).put("temperature", 0.9);
      b1 = Wire.json(Wire.anthropic(a, "k", sample)).path("content").path(0).path("text").asText();
      assertThat(b1).isNotEqualTo(a1);
    }
    try (Simulator b = Simulator.builder().seed(2).start()) {
      assertThat(ask(b, "instant", null, "Write something")).isNotEqualTo(a1);
    }
  }
}
