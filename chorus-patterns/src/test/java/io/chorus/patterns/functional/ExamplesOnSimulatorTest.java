package io.chorus.patterns.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Engine;
import io.chorus.core.PatternResult;
import io.chorus.patterns.section.SectioningResult;
import io.chorus.patterns.spec.PatternSpecs;
import io.chorus.patterns.vote.Vote;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.providers.AnthropicProvider;
import io.chorus.sim.Simulator;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped example specs run as they are on the simulator (what the CLI will do with no key).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class ExamplesOnSimulatorTest {

  static Simulator sim;
  static Engine engine;

  @BeforeAll
  static void start() {
    sim = Simulator.builder().seed(4).start();
    engine =
        Engine.builder()
            .provider(
                AnthropicProvider.builder()
                    .name("sim")
                    .baseUrl(sim.baseUrl())
                    .synthetic(true)
                    .build())
            .seed(4)
            .build();
  }

  @AfterAll
  static void stop() {
    engine.close();
    sim.close();
  }

  static PatternResult run(Path dir, String example, String input) throws Exception {
    Path file = dir.resolve(example);
    try (InputStream in =
        ExamplesOnSimulatorTest.class.getResourceAsStream("/examples/" + example)) {
      Files.copy(in, file);
    }
    PatternResult r = PatternSpecs.load(file).toPattern(input).run(engine);
    System.out.println(r.toMarkdown());
    return r;
  }

  @Test
  void contentModeration(@TempDir Path dir) throws Exception {
    VotingResult r = (VotingResult) run(dir, "moderation.voters.yaml", null);
    assertThat(r.votes()).hasSize(5).allMatch(Vote::valid);
    assertThat(r.tally().leader()).isIn("acceptable", "needs_review", "rejected");
    assertThat(r.synthetic()).isTrue();
    assertThat(r.toMarkdown()).contains("**Synthetic:**");
  }

  @Test
  void documentAnalysis(@TempDir Path dir) throws Exception {
    SectioningResult r = (SectioningResult) run(dir, "document-analysis.sections.yaml", null);
    assertThat(r.successful()).containsExactly("Summary", "Key Points", "Sentiment", "Questions");
    assertThat(r.usage().outputTokens()).isPositive();
  }

  @Test
  void nestedTranslationReportsPerLanguageConsensus(@TempDir Path dir) throws Exception {
    SectioningResult r = (SectioningResult) run(dir, "translate.yaml", null);
    assertThat(r.sections())
        .extracting(s -> s.name())
        .containsExactly("French", "Spanish", "German");
    for (var s : r.sections()) {
      VotingResult v = (VotingResult) s.nested();
      assertThat(v.votes()).hasSize(3).allMatch(Vote::valid);
      assertThat(v.tally().aggregator()).startsWith("semantic(");
    }
    assertThat(r.toMarkdown()).contains("| Decision | Consensus |");
  }
}
