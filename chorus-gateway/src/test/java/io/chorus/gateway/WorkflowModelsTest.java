package io.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Named workflows as models: chorus/NAME runs the vote or the deliberation; the answer is the
 * decision or the plan.
 */
class WorkflowModelsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String PROMPT =
      "Classify the following user content: 'We should organize a protest!'";

  @TempDir Path dir;

  private TestGateway moderation() {
    return TestGateway.start(
        dir,
        """
        gateway:
          workflows:
            moderation: {vote: ../examples/patterns/moderation.voters.yaml}
        """,
        Map.of(),
        Path.of("../examples/patterns/moderation.sim.yaml"),
        b -> {});
  }

  @Test
  void aVoteWorkflowAnswersWithItsDecisionAndTheTallyInTheExtension() throws Exception {
    try (TestGateway t = moderation()) {
      var r =
          t.post(
              "/v1/chat/completions",
              """
          {"model": "chorus/moderation", "messages": [{"role": "user", "content": "%s"}]}"""
                  .formatted(PROMPT));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode j = JSON.readTree(r.body());
      String decision = j.path("choices").get(0).path("message").path("content").asText();
      JsonNode c = j.path("chorus");
      assertThat(decision).isIn("acceptable", "needs_review", "rejected");
      assertThat(c.path("decision").asText()).isEqualTo(decision);
      assertThat(c.path("kind").asText()).isEqualTo("vote");
      assertThat(c.path("tally").path(decision).asInt()).isPositive();
      assertThat(c.path("calls").asInt()).isEqualTo(5);
      assertThat(c.has("consensus")).isTrue();
      assertThat(c.path("cost_usd").isNumber()).isTrue();
      assertThat(c.path("synthetic").asBoolean()).isTrue();
      assertThat(r.headers().firstValue("x-chorus-synthetic")).contains("true");
      var models = JSON.readTree(t.get("/v1/models").body()).path("data").findValuesAsText("id");
      assertThat(models).contains("chorus/moderation");
    }
  }

  @Test
  void aStreamedWorkflowSendsProgressCommentsThenTheAnswerAsChunks() throws Exception {
    try (TestGateway t = moderation()) {
      var r =
          t.post(
              "/v1/messages",
              """
          {"model": "chorus/moderation", "max_tokens": 100, "stream": true, "messages": [{"role": "user", "content": "%s"}]}"""
                  .formatted(PROMPT));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      List<String> lines = r.body().lines().toList();
      List<String> progress =
          lines.stream().filter(l -> l.startsWith(": chorus progress")).toList();
      assertThat(progress).hasSize(5);
      int firstProgress = lines.indexOf(progress.get(0));
      int firstDelta = lines.indexOf("event: content_block_delta");
      assertThat(firstProgress).isLessThan(firstDelta);
      StringBuilder text = new StringBuilder();
      JsonNode delta = null;
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).equals("event: content_block_delta")) {
          text.append(
              JSON.readTree(lines.get(i + 1).substring(6)).path("delta").path("text").asText());
        }
        if (lines.get(i).equals("event: message_delta")) {
          delta = JSON.readTree(lines.get(i + 1).substring(6));
        }
      }
      assertThat(delta).isNotNull();
      assertThat(delta.path("chorus").path("decision").asText()).isEqualTo(text.toString());
    }
  }

  @Test
  void aDeliberationWorkflowAnswersWithThePlanAndItsConvergence() throws Exception {
    try (TestGateway t =
        TestGateway.start(
            dir,
            """
        gateway:
          workflows:
            deliberate-claude-grok: {deliberate: ["anthropic:claude-sonnet-4-5", "xai:grok-4"], rounds: 3, converge: 0.95}
        """,
            Map.of(),
            Path.of("../examples/deliberation/async-benefits.sim.yaml"),
            b -> {})) {
      var r =
          t.post(
              "/v1/chat/completions",
              """
          {"model": "chorus/deliberate-claude-grok", "messages": [{"role": "user", "content": "List 3 benefits of async programming in Python"}]}""");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode j = JSON.readTree(r.body());
      assertThat(j.path("choices").get(0).path("message").path("content").asText())
          .contains("Non-blocking I/O");
      JsonNode c = j.path("chorus");
      assertThat(c.path("kind").asText()).isEqualTo("deliberation");
      assertThat(c.path("rounds").asInt()).isPositive();
      assertThat(c.path("convergence").isNumber()).isTrue();
      assertThat(c.path("calls").asInt()).isPositive();
      assertThat(c.path("consensus").asText()).isIn("full", "partial");
    }
  }

  @Test
  void aWorkflowWithoutADecisionIsA422ThatNamesWhy() throws Exception {
    java.nio.file.Files.writeString(
        dir.resolve("pick.voters.yaml"),
        """
        kind: vote
        name: pick
        model: sim:fast
        options: [alpha, beta]
        voters: [{name: a}, {name: b}, {name: c}]
        """);
    // every voter's answer names an option that is not on the ballot: every vote is invalid
    java.nio.file.Files.writeString(
        dir.resolve("pick.sim.yaml"),
        """
        rules:
          - match: {userContains: "alpha or beta"}
            text: '{"decision": "gamma", "confidence": 0.9, "reasoning": "neither"}'
        """);
    try (TestGateway t =
        TestGateway.start(
            dir,
            "gateway: {workflows: {pick: {vote: %s}}}\n".formatted(dir.resolve("pick.voters.yaml")),
            Map.of(),
            dir.resolve("pick.sim.yaml"),
            b -> {})) {
      var r =
          t.post(
              "/v1/chat/completions",
              """
          {"model": "chorus/pick", "messages": [{"role": "user", "content": "alpha or beta?"}]}""");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(422);
      JsonNode e = JSON.readTree(r.body()).path("error");
      assertThat(e.path("code").asText()).isEqualTo("workflow_failed");
      assertThat(e.path("message").asText()).contains("chorus/pick", "no valid vote");
      var s =
          t.post(
              "/v1/chat/completions",
              """
          {"model": "chorus/pick", "stream": true, "messages": [{"role": "user", "content": "alpha or beta?"}]}""");
      assertThat(s.statusCode()).isEqualTo(200);
      assertThat(s.body()).contains("workflow_failed").doesNotContain("[DONE]");
    }
  }
}
