package io.chorus.patterns.functional;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Engine;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.section.SectioningResult;
import io.chorus.patterns.translate.Translation;
import io.chorus.patterns.vote.Adaptive;
import io.chorus.patterns.vote.Aggregators;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.providers.AnthropicProvider;
import io.chorus.semantics.Embedder;
import io.chorus.sim.Simulator;
import org.junit.jupiter.api.Test;

/** The usage example of the module's report, compiled and run on the simulator. */
class UsageExampleTest {

  @Test
  void usageExampleRuns() {
    try (Simulator sim = Simulator.builder().seed(1).start();
        Engine engine =
            Engine.builder()
                .provider(
                    AnthropicProvider.builder()
                        .name("sim")
                        .baseUrl(sim.baseUrl())
                        .synthetic(true)
                        .build())
                .build()) {
      // --- the example ---
      VotingResult vote =
          Voting.builder()
              .model("sim:fast")
              .prompt("Is 'rocks for brains' acceptable?")
              .options("acceptable", "needs_review", "rejected")
              .voter(
                  Voter.named("strict")
                      .withSystem("You are a strict moderator.")
                      .withTemperature(0.3))
              .voter(
                  Voter.named("lenient").withSystem("You are a lenient moderator.").withWeight(2))
              .voter(Voter.named("expert").withModel("sim:smart"))
              .aggregator(Aggregators.threshold(0.6))
              .adaptive(Adaptive.cancelWhenSettled())
              .build()
              .run(engine);
      SectioningResult doc =
          Sectioning.builder()
              .model("sim:fast")
              .input("Revenue grew 23%...")
              .section(Section.of("Summary", "Summarise:\n\n{{input}}").withSystem("Be brief."))
              .section(Section.of("Sentiment", "Describe the tone of:\n\n{{input}}"))
              .build()
              .run(engine);
      SectioningResult tr =
          Translation.builder()
              .text("The meeting is postponed.")
              .languages("French", "Spanish", "German")
              .model("sim:fast")
              .aggregator(Aggregators.semantic(Embedder.hashed()))
              .build()
              .run(engine);
      System.out.println(vote.toMarkdown() + doc.toMarkdown() + tr.toJson());
      // --- end ---
      assertThat(vote.votes()).hasSize(3);
      assertThat(doc.successful()).hasSize(2);
      assertThat(tr.sections()).hasSize(3);
    }
  }
}
