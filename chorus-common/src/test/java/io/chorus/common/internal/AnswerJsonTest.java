package io.chorus.common.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

/**
 * The one extractor of JSON in a model's answer, with the hard cases each of the four copies it
 * replaced handled (agents' JsonAnswer, voting's AnswerParser, review's FindingsParser, claims'
 * ClaimJson).
 */
class AnswerJsonTest {

  private static JsonNode find(String text) {
    return AnswerJson.find(text).orElseThrow(() -> new AssertionError("no JSON in: " + text));
  }

  @Test
  void fencedJsonWithProseAround() {
    assertThat(find("Sure!\n```json\n{\"a\": 1}\n```\nmore").get("a").asInt()).isEqualTo(1);
    assertThat(find("Here you go:\n```json\n{\"claims\":[\"x\"]}\n```\nDone.").get("claims").size())
        .isEqualTo(1);
    assertThat(find("```json title=\"answer\"\n{\"t\": 1}\n```").has("t")).isTrue();
  }

  @Test
  void aJsonFenceWinsOverAnEarlierUnlabeledOne() {
    assertThat(find("```\nnot json\n```\n```JSON\n{\"b\": 2}\n```").has("b")).isTrue();
    assertThat(find("```\n{\"x\": 0}\n```\n```json\n{\"b\": 2}\n```").has("b")).isTrue();
  }

  @Test
  void bareAndOtherLanguageFences() {
    assertThat(find("```\n{\"c\": 3}\n```").has("c")).isTrue();
    assertThat(find("```javascript\n{\"c\": 3}\n```").has("c")).isTrue();
    assertThat(find("```{\"inline\": true}```").has("inline")).isTrue();
    assertThat(find("```json{\"glued\": true}```").has("glued")).isTrue();
  }

  @Test
  void wholeAnswerAndTopLevelArrays() {
    assertThat(find("  {\"d\": [1, 2]}  ").get("d").size()).isEqualTo(2);
    assertThat(find("[{\"text\":\"Caching reduces load\"}]").isArray()).isTrue();
    assertThat(
            find("The claims: [{\"text\":\"a\"}, {\"text\":\"b\"}] as asked.").get("text").asText())
        .isEqualTo("a");
    assertThat(
            AnswerJson.find("The claims: [{\"text\":\"a\"}] as asked.", JsonNode::isArray)
                .orElseThrow()
                .size())
        .isEqualTo(1);
  }

  @Test
  void aBraceInsideAStringDoesNotEndTheObject() {
    assertThat(find("The answer is {\"e\": \"a } brace\"} as requested.").get("e").asText())
        .isEqualTo("a } brace");
    assertThat(find("x {\"e\": \"quote \\\" and } brace\"} y").get("e").asText())
        .isEqualTo("quote \" and } brace");
    assertThat(find("x {'e': 'a } brace'} y").get("e").asText()).isEqualTo("a } brace");
  }

  @Test
  void proseBracesBeforeTheObjectAreSkipped() {
    assertThat(
            find("Using {braces} loosely, my vote: {\"decision\": \"B\"}").get("decision").asText())
        .isEqualTo("B");
    assertThat(find("See [1] and [2]. {\"decision\": \"A\"}").get("decision").asText())
        .isEqualTo("A");
    assertThat(find("{\"decision\": \"A\"} and afterwards some {prose}").get("decision").asText())
        .isEqualTo("A");
  }

  @Test
  void almostJsonIsAccepted() {
    assertThat(find("{'decision': 'A', 'confidence': 0.8,}").get("decision").asText())
        .isEqualTo("A");
    assertThat(find("{decision: \"A\" /* sure */}").get("decision").asText()).isEqualTo("A");
    assertThat(find("{\"reasoning\": \"line one\nline two\"}").get("reasoning").asText())
        .contains("line two");
  }

  @Test
  void nestedObjectsTheCallerRejectsLeadToTheInnerOne() {
    JsonNode n =
        AnswerJson.find("{\"vote\": {\"decision\": \"A\"}}", o -> o.has("decision")).orElseThrow();
    assertThat(n.get("decision").asText()).isEqualTo("A");
    JsonNode second =
        AnswerJson.find("Example: {\"x\": 1}. Answer: {\"findings\": []}", o -> o.has("findings"))
            .orElseThrow();
    assertThat(second.has("findings")).isTrue();
  }

  @Test
  void nothingThatIsNotAnObjectOrArray() {
    assertThat(AnswerJson.find("no json here {broken")).isEmpty();
    assertThat(AnswerJson.find("\"just a string\"")).isEmpty();
    assertThat(AnswerJson.find("42")).isEmpty();
    assertThat(AnswerJson.find("")).isEmpty();
    assertThat(AnswerJson.find(null)).isEmpty();
  }

  @Test
  void theScanSaysWhyNothingWasAccepted() {
    AnswerJson.Scan malformed =
        AnswerJson.scan("{\"claims\": [ {\"text\": \"a\" ,, } ]}", n -> true);
    assertThat(malformed.accepted()).isEmpty();
    assertThat(malformed.error()).startsWith("at line 1, column ");
    assertThat(malformed.sawJson()).isTrue();
    AnswerJson.Scan wrongShape = AnswerJson.scan("{\"points\": []}", n -> n.has("claims"));
    assertThat(wrongShape.accepted()).isEmpty();
    assertThat(wrongShape.first().orElseThrow().has("points")).isTrue();
    assertThat(wrongShape.error()).isNull();
    AnswerJson.Scan none = AnswerJson.scan("no json here", n -> true);
    assertThat(none.sawJson()).isFalse();
  }

  @Test
  void manyBracesStayCheap() {
    String noise = "{".repeat(20_000);
    assertThat(AnswerJson.find(noise + " {\"a\": 1}")).isEmpty();
    assertThat(AnswerJson.find("```json\n{\"a\": 1}\n```" + noise).orElseThrow().has("a")).isTrue();
  }

  @Test
  void unfencedStripsOneFenceAroundTheWholeText() {
    assertThat(AnswerJson.unfenced("```\nRust\n```")).isEqualTo("Rust");
    assertThat(AnswerJson.unfenced("```text\nRust```")).isEqualTo("Rust");
    assertThat(AnswerJson.unfenced("  Rust  ")).isEqualTo("Rust");
    assertThat(AnswerJson.unfenced("Rust ```x``` Go")).isEqualTo("Rust ```x``` Go");
  }
}
