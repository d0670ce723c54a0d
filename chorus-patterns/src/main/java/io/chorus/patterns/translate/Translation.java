package io.chorus.patterns.translate;

import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.patterns.PromptTemplate;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.vote.Aggregator;
import io.chorus.patterns.vote.Aggregators;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The translation exercise as a nesting of patterns: a {@link Sectioning} over target languages in
 * which each section is a free-text {@link Voting} among translator personas (by default formal,
 * casual and technical), aggregated by a judge or by semantic clustering. The result's report gives
 * each language's translation and consensus. Every call of every vote goes through the one engine
 * the sectioning runs on, so limits stay global.
 *
 * {@snippet :
 * SectioningResult r = Translation.builder()
 *     .text("The meeting is postponed until further notice.")
 *     .languages("French", "Spanish", "German")
 *     .model("sim:fast")
 *     .aggregator(Aggregators.semantic(Embedder.standard()))
 *     .build()        // a Sectioning
 *     .run(engine);
 * }
 */
public final class Translation {
  private Translation() {}

  /** The default prompt; {@code {{language}}} and {@code {{input}}} are filled in. */
  public static final String DEFAULT_PROMPT =
      "Translate the following text into {{language}}. Give the translation only, in the \"decision\" field.\n\n"
          + "{{input}}";

  /** The three translator personas. */
  public static List<Voter> defaultPersonas() {
    return List.of(
        Voter.named("formal")
            .withSystem(
                "You are a professional translator who writes in a formal, precise register.")
            .withTemperature(0.3),
        Voter.named("casual")
            .withSystem(
                "You are a translator who writes natural, everyday, conversational language.")
            .withTemperature(0.7),
        Voter.named("technical")
            .withSystem("You are a technical translator who keeps terminology exact and literal.")
            .withTemperature(0.2));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds the nested pattern; not thread-safe. */
  public static final class Builder {
    private String name = "translation";
    private String text;
    private final List<String> languages = new ArrayList<>();
    private final List<Voter> personas = new ArrayList<>();
    private ModelId model;
    private String prompt = DEFAULT_PROMPT;
    private Aggregator aggregator;
    private FailurePolicy policy = FailurePolicy.IGNORE;

    private Builder() {}

    public Builder name(String n) {
      this.name = Objects.requireNonNull(n, "name");
      return this;
    }

    public Builder text(String t) {
      this.text = Objects.requireNonNull(t, "text");
      return this;
    }

    public Builder languages(String... ls) {
      return languages(List.of(ls));
    }

    public Builder languages(List<String> ls) {
      languages.addAll(ls);
      return this;
    }

    public Builder persona(Voter v) {
      personas.add(Objects.requireNonNull(v, "persona"));
      return this;
    }

    public Builder model(ModelId m) {
      this.model = m;
      return this;
    }

    public Builder model(String m) {
      return model(ModelId.parse(m));
    }

    /** The prompt template, with {@code {{language}}} and {@code {{input}}}. */
    public Builder prompt(String template) {
      this.prompt = Objects.requireNonNull(template, "prompt");
      return this;
    }

    /** How each language's translations are aggregated (default: a judge on the default model). */
    public Builder aggregator(Aggregator a) {
      this.aggregator = Objects.requireNonNull(a, "aggregator");
      return this;
    }

    /** The failure policy across languages. */
    public Builder policy(FailurePolicy p) {
      this.policy = Objects.requireNonNull(p, "policy");
      return this;
    }

    public Sectioning build() {
      if (text == null) {
        throw new IllegalArgumentException("translation: no text to translate");
      }
      if (languages.isEmpty()) {
        throw new IllegalArgumentException("translation: no target languages");
      }
      List<Voter> voters = personas.isEmpty() ? defaultPersonas() : personas;
      PromptTemplate template = PromptTemplate.of(prompt);
      Sectioning.Builder sections = Sectioning.builder().name(name).model(model).policy(policy);
      for (String language : languages) {
        Aggregator agg =
            aggregator != null
                ? aggregator
                : Aggregators.judge(
                    model,
                    Aggregators.DEFAULT_THRESHOLD,
                    "the single best " + language + " translation");
        Voting vote =
            Voting.builder()
                .name(language)
                .prompt(template.render(Map.of("language", language, "input", text)))
                .voters(voters)
                .model(model)
                .aggregator(agg)
                .build();
        sections.section(Section.nested(language, vote));
      }
      return sections.build();
    }
  }
}
