package io.chorus.semantics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClaimJsonTest {

  private static final String ANSWER = "Async improves I/O throughput. Coroutines are cheap.";

  @Test
  void parsesStructuredClaimsWithStances() {
    ParsedClaims p =
        Claims.parse(
            """
            {"claims":[{"text":"Async improves I/O throughput","stance":"agree"},
                       {"text":"Async still has event loop overhead","stance":"DISAGREE"},
                       {"text":"Coroutines are cheap","stance":"new"}]}\
            """,
            ANSWER);
    assertThat(p.source()).isEqualTo(ParsedClaims.Source.STRUCTURED);
    assertThat(p.note()).isEmpty();
    assertThat(p.claims())
        .extracting(Claim::stance)
        .containsExactly(Stance.AGREE, Stance.DISAGREE, Stance.NEW);
    assertThat(p.claims().get(0).text()).isEqualTo("Async improves I/O throughput");
  }

  @Test
  void toleratesFencesProseStringItemsAndTopLevelArrays() {
    ParsedClaims fenced =
        Claims.parse(
            "Here you go:\n```json\n{\"claims\":[\"Caching reduces load\"]}\n```\nDone.", ANSWER);
    assertThat(fenced.source()).isEqualTo(ParsedClaims.Source.STRUCTURED);
    assertThat(fenced.claims()).containsExactly(Claim.of("Caching reduces load"));
    ParsedClaims array = Claims.parse("[{\"text\":\"Caching reduces load\"}]", ANSWER);
    assertThat(array.claims()).containsExactly(Claim.of("Caching reduces load"));
  }

  @Test
  void fillerItemsAreDroppedAndUnknownStancesNoted() {
    ParsedClaims p =
        Claims.parse(
            """
            {"claims":[{"text":"I agree","stance":"agree"},
                       {"text":"I align with Claude: caching reduces load","stance":"maybe"}]}\
            """,
            ANSWER);
    assertThat(p.source()).isEqualTo(ParsedClaims.Source.STRUCTURED);
    assertThat(p.claims()).extracting(Claim::text).containsExactly("Caching reduces load");
    assertThat(p.claims().get(0).stance()).isEqualTo(Stance.AGREE);
    assertThat(p.note())
        .contains("claims[0] is filler")
        .contains("claims[1].stance \"maybe\" unknown");
  }

  @Test
  void malformedJsonFallsBackToTheHeuristicAndSaysWhere() {
    ParsedClaims p = Claims.parse("{\"claims\": [ {\"text\": \"a\" ,, } ]}", ANSWER);
    assertThat(p.source()).isEqualTo(ParsedClaims.Source.HEURISTIC);
    assertThat(p.note()).contains("malformed").contains("line 1, column");
    assertThat(p.claims())
        .extracting(Claim::text)
        .containsExactly("Async improves I/O throughput.", "Coroutines are cheap.");
  }

  @Test
  void missingOrEmptyClaimsFallBack() {
    assertThat(Claims.parse("no json here", ANSWER).note()).contains("no JSON");
    assertThat(Claims.parse("", ANSWER).note()).contains("empty output");
    assertThat(Claims.parse("{\"points\":[]}", ANSWER).note()).contains("no \"claims\" array");
    ParsedClaims empty = Claims.parse("{\"claims\":[{\"text\":\"  \"}]}", ANSWER);
    assertThat(empty.source()).isEqualTo(ParsedClaims.Source.HEURISTIC);
    assertThat(empty.note()).contains("claims[0].text missing or blank");
    assertThat(empty.claims()).hasSize(2);
  }

  @Test
  void schemaAndInstructionsNameTheFields() {
    assertThat(Claims.JSON_SCHEMA)
        .contains("\"claims\"", "\"text\"", "\"stance\"", "\"agree\", \"disagree\", \"new\"");
    assertThat(Claims.INSTRUCTIONS).contains("I agree").endsWith(Claims.JSON_SCHEMA);
  }
}
