package io.chorus.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.agents.AgentRegistry;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.patterns.section.Section;
import io.chorus.patterns.section.Sectioning;
import io.chorus.patterns.section.SectioningResult;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sectioning whose section is a security review: the review runs on the sectioning's engine as
 * one of its sections, its report is merged under the section's heading, its cost counts in the
 * sectioning's, and a review with every reviewer failed is a failed section naming why.
 */
class SectioningWithAReviewSectionTest {
  static final ModelId MODEL = ModelId.parse("sim:reviewer");

  @Test
  void aReviewIsOneSectionOfASectioning() throws Exception {
    FakeProvider sim =
        FakeProvider.builder("sim")
            .responder(
                (req, call) ->
                    req.metadata().containsKey("reviewer")
                        ? SecurityReviewTest.scripted(req)
                        : Reply.text("A login module for a web app."))
            .build();
    FakeClock clock = new FakeClock();
    try (Engine engine =
        Engine.builder().provider(sim).time(clock).sleeper(clock).seed(3).build()) {
      SectioningResult r =
          Sectioning.builder()
              .name("audit")
              .model("sim:fast")
              .input("login.py")
              .section(Section.of("Summary", "Describe {{input}} in one line."))
              .section(Section.nested("Security", review()))
              .build()
              .run(engine);

      assertThat(r.ok()).isTrue();
      assertThat(r.successful()).containsExactly("Summary", "Security");
      ReviewResult review = (ReviewResult) r.section("Security").nested();
      assertThat(review.confirmed()).hasSize(6);
      assertThat(r.merged()).contains("## Security").contains("Confirmed vulnerabilities (6)");
      assertThat(r.usage().totalTokens()).isGreaterThan(review.usage().totalTokens());
      assertThat(r.costUsd()).isGreaterThanOrEqualTo(review.costUsd());
      JsonNode json = new ObjectMapper().readTree(r.toJson());
      assertThat(json.at("/sections/1/nested/overall_risk").asText()).isEqualTo("critical");
    }
  }

  @Test
  void aReviewWhoseReviewersAllFailedIsAFailedSection() {
    FakeProvider sim =
        FakeProvider.builder("sim")
            .responder(
                (req, call) ->
                    req.metadata().containsKey("reviewer")
                        ? Reply.error(new ProviderError.Authentication("invalid x-api-key", 401))
                        : Reply.text("A login module."))
            .build();
    FakeClock clock = new FakeClock();
    try (Engine engine =
        Engine.builder()
            .provider(sim)
            .time(clock)
            .sleeper(clock)
            .seed(3)
            .retry(RetryPolicy.NONE)
            .build()) {
      SectioningResult r =
          Sectioning.builder()
              .model("sim:fast")
              .input("login.py")
              .section(Section.of("Summary", "Describe {{input}} in one line."))
              .section(Section.nested("Security", review()))
              .build()
              .run(engine);

      assertThat(r.failed()).containsExactly("Security");
      assertThat(r.section("Security").errorKind()).isEqualTo("nested_failed");
      assertThat(r.merged()).doesNotContain("Security");
    }
  }

  static SecurityReview review() {
    return SecurityReview.builder()
        .sources(SourceSet.read(SecurityReviewTest.EXAMPLE, List.of("login.py")))
        .reviewers(SecurityReview.specialists(AgentRegistry.builtIn(), MODEL))
        .embedder(SecurityReviewTest.EMBEDDER)
        .context("User authentication and profile management module for a web application")
        .build();
  }
}
