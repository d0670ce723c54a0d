package io.chorus.patterns.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.Pattern;
import io.chorus.core.ProviderError;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.SectioningResult;
import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.patterns.translate.Translation;
import io.chorus.patterns.vote.Aggregators;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.semantics.Embedder;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Seed 004's exercise: sectioning over languages, each section a vote among three translators. */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class NestedTranslationTest {

  static final String TEXT = "The meeting is postponed.";

  /**
   * Formal and technical agree in French and German; everyone disagrees in Spanish; casual fails in
   * German.
   */
  static final Map<String, Map<String, String>> ANSWERS =
      Map.of(
          "French",
              Map.of(
                  "formal",
                  "La réunion est reportée.",
                  "casual",
                  "{\"decision\": \"La réunion est reportée\"}",
                  "technical",
                  "La réunion est reportée."),
          "Spanish",
              Map.of(
                  "formal",
                  "Se aplaza la sesión.",
                  "casual",
                  "Oye, ya no hay junta hoy.",
                  "technical",
                  "Reunión: pospuesta."),
          "German",
              Map.of(
                  "formal",
                  "Die Sitzung wird verschoben.",
                  "technical",
                  "Die Sitzung wird verschoben."));

  static Reply translate(ChatRequest r) {
    String language =
        ANSWERS.keySet().stream()
            .filter(l -> r.lastUserMessage().contains("into " + l))
            .findFirst()
            .orElseThrow();
    String persona = r.metadata().get("voter");
    String text = ANSWERS.get(language).get(persona);
    return text == null
        ? Reply.error(new ProviderError.InvalidRequest("no casual German today", 400))
        : Reply.text(text).withLatency(Duration.ofMillis(2));
  }

  @Test
  void sectioningOverLanguagesOfVotesReportsPerLanguageConsensusUnderGlobalLimits() {
    FakeProvider fake = FakeProvider.builder("fake").responder((r, n) -> translate(r)).build();
    try (Engine engine =
        Engine.builder().provider(fake).defaultLimits(Limits.concurrency(2)).seed(5).build()) {
      SectioningResult r =
          Translation.builder()
              .text(TEXT)
              .languages("French", "Spanish", "German")
              .model("fake:m")
              .aggregator(Aggregators.semantic(Embedder.hashed(), 0.9, 0.6))
              .build()
              .run(engine);

      assertThat(fake.calls()).isEqualTo(9);
      assertThat(fake.peakConcurrency())
          .as("nesting never multiplies the cap")
          .isLessThanOrEqualTo(2);
      VotingResult fr = (VotingResult) r.section("French").nested();
      VotingResult es = (VotingResult) r.section("Spanish").nested();
      VotingResult de = (VotingResult) r.section("German").nested();
      assertThat(fr.winner()).startsWith("La réunion est reportée");
      assertThat(fr.consensus()).isTrue();
      assertThat(es.consensus()).isFalse();
      assertThat(de.consensus()).isTrue();
      assertThat(de.tally().failed())
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.voter()).isEqualTo("casual");
                assertThat(v.call().errorKind()).isEqualTo("invalid_request");
              });
      assertThat(r.successful()).containsExactly("French", "Spanish", "German");
      assertThat(r.merged())
          .contains("## French\n\nLa réunion est reportée")
          .contains("## German\n\nDie Sitzung");
      String md = r.toMarkdown();
      assertThat(md)
          .contains("| Decision | Consensus |")
          .contains("| French | succeeded")
          .contains("yes (100%, 3 of 3 valid)")
          .contains("no (33%, 3 of 3 valid)")
          .contains("invalid_request");
      assertThat(r.toJson()).contains("\"consensus\" : false").contains("\"voter\" : \"casual\"");
    }
  }

  @Test
  void anyPatternIsAStepOfAnother() {
    FakeProvider fake = FakeProvider.builder("fake").responder((r, n) -> translate(r)).build();
    try (Engine engine = Engine.builder().provider(fake).seed(5).build()) {
      Pattern<SectioningResult> inner =
          Translation.builder()
              .name("fr")
              .text(TEXT)
              .languages("French")
              .model("fake:m")
              .aggregator(Aggregators.majority())
              .build();
      SectioningResult outer =
          io.chorus.patterns.section.Sectioning.builder()
              .name("outer")
              .model("fake:m")
              .section(Section.nested("translations", inner))
              .build()
              .run(engine);
      assertThat(outer.section("translations").nested()).isInstanceOf(SectioningResult.class);
      assertThat(outer.merged())
          .contains("## translations\n\n## French\n\nLa réunion est reportée.");
    }
  }

  @Test
  void translationSpecRunsEndToEnd(@TempDir Path dir) throws Exception {
    Path spec = dir.resolve("translate.yaml");
    try (InputStream in = getClass().getResourceAsStream("/examples/translate.yaml")) {
      Files.copy(in, spec);
    }
    String yaml =
        Files.readString(spec)
            .replace("model: sim:fast", "model: fake:m")
            .replace(
                "aggregator: semantic", "aggregator: semantic\nembedder: hashed\nsimilarity: 0.9");
    Files.writeString(spec, yaml);
    FakeProvider fake = FakeProvider.builder("fake").responder((r, n) -> translate(r)).build();
    try (Engine engine = Engine.builder().provider(fake).seed(5).build()) {
      SectioningResult r = (SectioningResult) PatternSpecs.load(spec).toPattern(TEXT).run(engine);
      assertThat(r.sections()).hasSize(3);
      assertThat(((VotingResult) r.section("French").nested()).consensus()).isTrue();
    }
  }
}
