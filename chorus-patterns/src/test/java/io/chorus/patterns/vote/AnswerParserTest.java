package io.chorus.patterns.vote;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class AnswerParserTest {

  private final AnswerParser options = AnswerParser.forOptions();

  @Test
  void readsPlainJson() {
    var a =
        options
            .parse(
                "{\"decision\": \"rejected\", \"confidence\": \"high\", \"reasoning\": \"insults\"}")
            .orElseThrow();
    assertThat(a.decision()).isEqualTo("rejected");
    assertThat(a.confidence().value()).isEqualTo(Confidence.HIGH);
    assertThat(a.reasoning()).isEqualTo("insults");
    assertThat(a.format()).isEqualTo("json");
  }

  @Test
  void readsJsonInsideFenceAndProse() {
    String text =
        "Sure! Here is my vote:\n```json\n{\"Decision\": \"needs review\", \"confidence\": 0.7,}\n```\nThanks.";
    var a = options.parse(text).orElseThrow();
    assertThat(a.decision()).isEqualTo("needs review");
    assertThat(a.confidence().value()).isEqualTo(0.7);
  }

  @Test
  void readsJsonEmbeddedInProseWithoutFence() {
    var a =
        options
            .parse("My answer is {'verdict': 'ok', 'confidence': 85} as requested")
            .orElseThrow();
    assertThat(a.decision()).isEqualTo("ok");
    assertThat(a.confidence().value()).isEqualTo(0.85);
  }

  @Test
  void fallsBackToSeedLineFormat() {
    String text =
        "DECISION: rejected\nCONFIDENCE: medium\nREASONING: It insults people\nand calls for action.";
    var a = options.parse(text).orElseThrow();
    assertThat(a.decision()).isEqualTo("rejected");
    assertThat(a.confidence().value()).isEqualTo(Confidence.MEDIUM);
    assertThat(a.reasoning()).isEqualTo("It insults people\nand calls for action.");
    assertThat(a.format()).isEqualTo("lines");
  }

  @Test
  void lineFormatToleratesMarkdownAndBrackets() {
    var a = options.parse("**Decision:** [needs_review]\n- **Confidence**: Low").orElseThrow();
    assertThat(a.decision()).isEqualTo("needs_review");
    assertThat(a.confidence().value()).isEqualTo(Confidence.LOW);
  }

  @Test
  void brokenJsonFallsBackToLines() {
    var a = options.parse("{\"decision\": \"rej\nDECISION: acceptable").orElseThrow();
    assertThat(a.decision()).isEqualTo("acceptable");
  }

  @Test
  void unreadableAnswerIsEmptyForOptionsButTextForFreeText() {
    String text = "I think this content is fine overall.";
    assertThat(options.parse(text)).isEmpty();
    assertThat(options.parse("")).isEmpty();
    var free = AnswerParser.forFreeText().parse("  Bonjour le monde  ").orElseThrow();
    assertThat(free.decision()).isEqualTo("Bonjour le monde");
    assertThat(free.format()).isEqualTo("plain");
    assertThat(free.confidence()).isEqualTo(Confidence.UNSTATED);
  }

  @Test
  void readsRankings() {
    var a =
        options
            .parse("{\"ranking\": [\"b\", \"a\", \"c\"], \"confidence\": \"high\"}")
            .orElseThrow();
    assertThat(a.ranking()).containsExactly("b", "a", "c");
    assertThat(a.decision()).isEqualTo("b");
    var l = options.parse("RANKING: c > a > b\nCONFIDENCE: low").orElseThrow();
    assertThat(l.ranking()).containsExactly("c", "a", "b");
    assertThat(l.decision()).isEqualTo("c");
  }

  @Test
  void confidenceTable() {
    assertThat(Confidence.parse("HIGH").orElseThrow().value()).isEqualTo(0.9);
    assertThat(Confidence.parse("very high").orElseThrow().value()).isEqualTo(0.95);
    assertThat(Confidence.parse("moderate").orElseThrow().value()).isEqualTo(0.6);
    assertThat(Confidence.parse("low - unsure").orElseThrow().value()).isEqualTo(0.3);
    assertThat(Confidence.parse("80%").orElseThrow().value()).isEqualTo(0.8);
    assertThat(Confidence.parse("0.42").orElseThrow().value()).isEqualTo(0.42);
    assertThat(Confidence.parse("whatever")).isEmpty();
    assertThat(Confidence.parse("250")).isEmpty();
  }
}
