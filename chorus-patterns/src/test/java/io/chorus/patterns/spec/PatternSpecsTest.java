package io.chorus.patterns.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.FailurePolicy;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.vote.Adaptive;
import io.chorus.patterns.vote.Voting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PatternSpecsTest {

  @TempDir Path dir;

  private Path write(String name, String yaml) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, yaml);
    return p;
  }

  private Path example(String name) throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/examples/" + name)) {
      assertThat(in).as(name).isNotNull();
      Path p = dir.resolve(name);
      Files.copy(in, p);
      return p;
    }
  }

  @Test
  void moderationExampleLoadsWithSeedModerators() throws IOException {
    VotingSpec spec = (VotingSpec) PatternSpecs.load(example("moderation.voters.yaml"));
    assertThat(spec.voters())
        .extracting(v -> v.name())
        .containsExactly(
            "strict_moderator",
            "balanced_moderator",
            "lenient_moderator",
            "context_analyst",
            "policy_expert");
    assertThat(spec.options()).containsExactly("acceptable", "needs_review", "rejected");
    assertThat(spec.voters().get(3).temperature()).isEqualTo(0.7);
    Voting v = spec.toPattern(null);
    assertThat(v.aggregator().name()).startsWith("threshold(0.60");
    assertThat(v.votePrompt())
        .contains("rocks for brains")
        .contains("acceptable, needs_review, rejected");
  }

  @Test
  void documentAnalysisExampleLoads() throws IOException {
    SectionsSpec spec =
        (SectionsSpec) PatternSpecs.load(example("document-analysis.sections.yaml"));
    assertThat(spec.sections())
        .extracting(s -> s.name())
        .containsExactly("Summary", "Key Points", "Sentiment", "Questions");
    Sectioning s = spec.toPattern("a document");
    assertThat(s.request(s.sections().get(0)).lastUserMessage()).endsWith("a document");
    assertThat(s.request(s.sections().get(0)).system()).contains("concise summarizer");
  }

  @Test
  void translationExampleLoadsAsNestedSectioningOfVotes() throws IOException {
    TranslateSpec spec = (TranslateSpec) PatternSpecs.load(example("translate.yaml"));
    assertThat(spec.languages()).containsExactly("French", "Spanish", "German");
    assertThat(spec.personas())
        .extracting(v -> v.name())
        .containsExactly("formal", "casual", "technical");
    Sectioning s = spec.toPattern("Hello");
    assertThat(s.sections()).allSatisfy(sec -> assertThat(sec.nested()).isInstanceOf(Voting.class));
  }

  @Test
  void kindIsInferredAndEverythingIsRead() throws IOException {
    Path p =
        write(
            "voters.yaml",
            """
        model: sim:fast
        options: a, b
        aggregator: weighted
        threshold: 0.7
        adaptive: waves:2
        policy: retry:2
        format: lines
        synonyms: [[yep, a]]
        voters:
          - {name: one, weight: 2}
          - {name: two, model: sim:slow, temperature: 1.5}
        samples: {count: 3, temperature: 0.9}
        """);
    VotingSpec spec = (VotingSpec) PatternSpecs.load(p);
    assertThat(spec.voters()).hasSize(5);
    assertThat(spec.voters().get(0).weight()).isEqualTo(2.0);
    assertThat(spec.voters().get(4).name()).isEqualTo("sample-3");
    assertThat(spec.adaptive()).isEqualTo(Adaptive.waves(2));
    assertThat(spec.policy()).isEqualTo(FailurePolicy.retry(2));
    Voting v = spec.toPattern("Pick one");
    assertThat(v.choices().match("yep")).contains("a");
    assertThat(v.requests().get(2).sampleIndex()).isEqualTo(0);
    assertThat(v.requests().get(3).sampleIndex()).isEqualTo(1);
    assertThat(v.requests().get(4).sampleIndex()).isEqualTo(2);
  }

  @Test
  void errorsNameFileLineAndKey() throws IOException {
    Path p =
        write(
            "voters.yaml",
            """
        model: sim:fast
        options: [a, b]
        voters:
          - name: one
          - name: two
            temperature: hot
        """);
    assertThatThrownBy(() -> PatternSpecs.load(p))
        .isInstanceOf(SpecException.class)
        .hasMessage(
            "voters.yaml:6: voters[1].temperature: must be a number in [0, 2], was \"hot\"");
  }

  @Test
  void unknownKeysAreErrorsNotSilentDefaults() throws IOException {
    Path p =
        write(
            "sections.yaml",
            """
        model: sim:fast
        sections:
          - name: Summary
            promt: "Summarise {{input}}"
        """);
    assertThatThrownBy(() -> PatternSpecs.load(p))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("sections.yaml:4: sections[0].promt: unknown key");
  }

  @Test
  void missingKeysAndBadValuesAreNamed() throws IOException {
    assertThatThrownBy(
            () -> PatternSpecs.load(write("a.yaml", "model: sim:fast\nsections:\n  - name: S\n")))
        .hasMessage("a.yaml:3: sections[0]: 'prompt' is missing");
    assertThatThrownBy(
            () ->
                PatternSpecs.load(
                    write("b.yaml", "sections:\n  - name: S\n    prompt: '{{input}}'\n")))
        .hasMessageContaining("b.yaml:2: sections[0]: no model");
    assertThatThrownBy(
            () ->
                PatternSpecs.load(
                    write(
                        "c.yaml",
                        "model: sim:fast\nsections:\n  - name: S\n    prompt: '{{input}} {{tone}}'\n")))
        .hasMessage(
            "c.yaml:4: sections[0].prompt: uses {{tone}}, which is not 'input' and not in 'variables'");
    assertThatThrownBy(
            () ->
                PatternSpecs.load(
                    write(
                        "d.yaml",
                        "model: sim:fast\npolicy: sometimes\nsections:\n  - {name: S, prompt: x}\n")))
        .hasMessageStartingWith("d.yaml:2: policy: unknown failure policy 'sometimes'");
    assertThatThrownBy(
            () -> PatternSpecs.load(write("e.yaml", "model: gpt4\nvoters: [{name: a}]\n")))
        .hasMessageStartingWith("e.yaml:1: model: model 'gpt4' must be written as provider:model");
    assertThatThrownBy(
            () ->
                PatternSpecs.load(
                    write(
                        "f.yaml", "model: sim:fast\naggregator: plurality\nvoters: [{name: a}]\n")))
        .hasMessageStartingWith("f.yaml:2: aggregator: unknown aggregator 'plurality'");
    assertThatThrownBy(
            () ->
                PatternSpecs.load(
                    write("g.yaml", "model: sim:fast\nvoters:\n  - {name: a}\n  - {name: a}\n")))
        .hasMessage("g.yaml:4: voters[1].name: another voter is already named 'a'");
    assertThatThrownBy(
            () ->
                PatternSpecs.load(
                    write(
                        "j.yaml",
                        "model: sim:fast\npolicy: fail-fast\nadaptive: cancel\nvoters: [{name: a}]\n")))
        .hasMessageStartingWith("j.yaml:3: adaptive: 'cancel' works only with policy ignore");
    assertThatThrownBy(() -> PatternSpecs.load(write("h.yaml", "just: [unclosed\n")))
        .hasMessageStartingWith("h.yaml:")
        .hasMessageContaining("not valid YAML");
    assertThatThrownBy(() -> PatternSpecs.load(write("i.yaml", "hello: world\n")))
        .hasMessageContaining("cannot tell what this spec is");
  }
}
