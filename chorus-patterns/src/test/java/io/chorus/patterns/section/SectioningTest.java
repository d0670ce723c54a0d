package io.chorus.patterns.section;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.core.Price;
import io.chorus.core.PriceTable;
import io.chorus.core.ProviderError;
import io.chorus.core.Usage;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class SectioningTest {

  final FakeClock clock = new FakeClock();

  static String section(ChatRequest r) {
    return r.metadata().get("section");
  }

  Engine engine(FakeProvider fake) {
    return Engine.builder()
        .provider(fake)
        .time(clock)
        .sleeper(clock)
        .seed(3)
        .prices(PriceTable.empty().with("fake:*", Price.of(1_000_000, 2_000_000)))
        .build();
  }

  static Sectioning.Builder analysis() {
    return Sectioning.builder()
        .name("analysis")
        .model("fake:m")
        .input("Revenue grew 23%.")
        .section(Section.of("Summary", "Summarise:\n\n{{input}}").withSystem("Be concise."))
        .section(Section.of("Key Points", "List points of:\n\n{{input}}"))
        .section(Section.of("Sentiment", "Tone of:\n\n{{input}}").withModel("fake:other"))
        .section(Section.of("Questions", "Questions about {{input}} for {{audience}}"))
        .variable("audience", "investors");
  }

  static FakeProvider.Builder answering() {
    return FakeProvider.builder("fake")
        .responder((r, n) -> Reply.text("text of " + section(r)).withUsage(Usage.of(10, 5)));
  }

  @Test
  void allSectionsRunConcurrentlyAndMergeInDeclaredOrder() throws Exception {
    CountDownLatch release = new CountDownLatch(1);
    // the first section finishes last
    FakeProvider fake =
        FakeProvider.builder("fake")
            .responder(
                (r, n) ->
                    Reply.text("text of " + section(r)).withUsage(Usage.of(10, 5)).after(release))
            .build();
    try (Engine engine = engine(fake)) {
      Thread.startVirtualThread(
          () -> {
            try {
              fake.awaitInFlight(4, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            release.countDown();
          });
      SectioningResult r = analysis().build().run(engine);
      assertThat(fake.peakConcurrency()).isEqualTo(4);
      assertThat(r.merged())
          .isEqualTo(
              "## Summary\n\ntext of Summary\n\n## Key Points\n\ntext of Key Points\n\n## Sentiment\n\ntext of Sentiment"
                  + "\n\n## Questions\n\ntext of Questions");
      assertThat(r.successful()).containsExactly("Summary", "Key Points", "Sentiment", "Questions");
      assertThat(r.failed()).isEmpty();
      assertThat(r.usage()).isEqualTo(Usage.of(40, 20));
      assertThat(r.costUsd()).isEqualTo(4 * (10 * 1.0 + 5 * 2.0));
      assertThat(r.section("Sentiment").call().modelShown()).isEqualTo("fake:other");
      ChatRequest q =
          fake.requests().stream()
              .filter(x -> section(x).equals("Questions"))
              .findFirst()
              .orElseThrow();
      assertThat(q.lastUserMessage()).isEqualTo("Questions about Revenue grew 23%. for investors");
      ChatRequest s =
          fake.requests().stream()
              .filter(x -> section(x).equals("Summary"))
              .findFirst()
              .orElseThrow();
      assertThat(s.system()).isEqualTo("Be concise.");
      assertThat(r.ok()).isTrue();
    }
  }

  @Test
  void ignoreReportsPartialFailuresWithTheirCause() {
    FakeProvider fake =
        answering()
            .on(
                r -> section(r).equals("Sentiment"),
                Reply.error(new ProviderError.ServerError("overloaded", 503)))
            .build();
    try (Engine engine = engine(fake)) {
      SectioningResult r = analysis().build().run(engine);
      assertThat(r.failed()).containsExactly("Sentiment");
      assertThat(r.successful()).containsExactly("Summary", "Key Points", "Questions");
      SectionOutcome failed = r.section("Sentiment");
      assertThat(failed.status()).isEqualTo(io.chorus.core.CallStatus.FAILED);
      assertThat(failed.errorKind()).isEqualTo("server_error");
      assertThat(failed.call().attempts()).hasSize(3); // first try and the engine's two retries
      assertThat(r.merged()).doesNotContain("Sentiment").contains("## Questions");
      assertThat(r.runFailure()).isNull();
      assertThat(r.toMarkdown())
          .contains("3 of 4 sections succeeded")
          .contains("server_error (HTTP 503): overloaded")
          .doesNotContain("server_error: server_error");
      assertThat(r.toJson()).contains("\"failed\" : [ \"Sentiment\" ]");
    }
  }

  @Test
  void failFastCancelsTheOtherSections() throws Exception {
    CountDownLatch othersInFlight = new CountDownLatch(1);
    FakeProvider fake =
        FakeProvider.builder("fake")
            .on(
                r -> section(r).equals("Summary"),
                Reply.error(new ProviderError.InvalidRequest("bad", 400)).after(othersInFlight))
            .script(Reply.hang())
            .build();
    try (Engine engine = engine(fake)) {
      Thread.startVirtualThread(
          () -> {
            try {
              fake.awaitInFlight(4, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            othersInFlight.countDown();
          });
      SectioningResult r = analysis().policy(FailurePolicy.FAIL_FAST).build().run(engine);
      assertThat(r.runFailure()).contains("invalid_request");
      assertThat(r.ok()).isFalse();
      assertThat(r.sections())
          .extracting(SectionOutcome::status)
          .containsExactly(
              io.chorus.core.CallStatus.FAILED,
              io.chorus.core.CallStatus.CANCELLED,
              io.chorus.core.CallStatus.CANCELLED,
              io.chorus.core.CallStatus.CANCELLED);
      assertThat(fake.interrupts()).isEqualTo(3);
      assertThat(r.merged()).isEmpty();
    }
  }

  @Test
  void requireAllRunsEverythingThenFailsNamingEachFailure() {
    FakeProvider fake =
        answering()
            .on(
                r -> section(r).equals("Key Points") || section(r).equals("Questions"),
                Reply.error(new ProviderError.InvalidRequest("bad", 400)))
            .build();
    try (Engine engine = engine(fake)) {
      SectioningResult r = analysis().policy(FailurePolicy.REQUIRE_ALL).build().run(engine);
      assertThat(fake.calls()).isEqualTo(4);
      assertThat(r.runFailure()).contains("task 1").contains("task 3");
      assertThat(r.successful()).containsExactly("Summary", "Sentiment");
      assertThat(r.ok()).isFalse();
    }
  }

  @Test
  void retryRunsAFailedSectionAgain() {
    FakeProvider fake =
        answering()
            .on(
                r -> section(r).equals("Key Points"),
                Reply.error(new ProviderError.InvalidRequest("flaky", 400)),
                Reply.text("points, second time"))
            .build();
    try (Engine engine = engine(fake)) {
      SectioningResult r = analysis().policy(FailurePolicy.retry(1)).build().run(engine);
      assertThat(r.failed()).isEmpty();
      assertThat(r.section("Key Points").text()).isEqualTo("points, second time");
    }
  }

  @Test
  void quorumStopsOnceEnoughSectionsSucceeded() {
    FakeProvider fake = answering().on(r -> section(r).equals("Questions"), Reply.hang()).build();
    try (Engine engine = engine(fake)) {
      SectioningResult r = analysis().policy(FailurePolicy.quorum(3)).build().run(engine);
      assertThat(r.successful()).hasSize(3);
      assertThat(r.section("Questions").status()).isEqualTo(io.chorus.core.CallStatus.CANCELLED);
      assertThat(r.runFailure()).isNull();
    }
  }

  @Test
  void customMerge() {
    try (Engine engine = engine(answering().build())) {
      SectioningResult r =
          analysis()
              .merge(
                  Merge.custom(
                      ss -> ss.stream().map(SectionOutcome::name).collect(Collectors.joining("|"))))
              .build()
              .run(engine);
      assertThat(r.merged()).isEqualTo("Summary|Key Points|Sentiment|Questions");
    }
  }

  @Test
  void llmMergeAndItsFallbackWhenTheMergeFails() {
    FakeProvider fake =
        answering()
            .on(
                r -> "merge".equals(r.metadata().get("role")),
                Reply.text("One briefing.").withUsage(Usage.of(100, 10)),
                Reply.error(new ProviderError.InvalidRequest("no", 400)))
            .build();
    try (Engine engine = engine(fake)) {
      Sectioning s =
          analysis().merge(Merge.llm(ModelId.parse("fake:judge"), "Write one briefing.")).build();
      SectioningResult ok = s.run(engine);
      assertThat(ok.merged()).isEqualTo("One briefing.");
      assertThat(ok.usage()).isEqualTo(Usage.of(140, 30));
      ChatRequest merge =
          fake.requests().stream()
              .filter(x -> "merge".equals(x.metadata().get("role")))
              .findFirst()
              .orElseThrow();
      assertThat(merge.lastUserMessage())
          .contains("### Summary\ntext of Summary")
          .endsWith("Write one briefing.");
      SectioningResult fallback = s.run(engine);
      assertThat(fallback.merged()).startsWith("## Summary");
      assertThat(fallback.mergeCall().errorKind()).isEqualTo("invalid_request");
      assertThat(fallback.toMarkdown()).contains("The LLM merge failed");
    }
  }

  @Test
  void badSectionsFailAtBuildNamingTheSection() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Sectioning.builder()
                    .model("fake:m")
                    .input("x")
                    .section(Section.of("S", "{{input}} {{tone}}"))
                    .build())
        .hasMessageContaining("section 'S'")
        .hasMessageContaining("{{tone}}");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                Sectioning.builder()
                    .input("x")
                    .sections(List.of(Section.of("S", "{{input}}")))
                    .build())
        .hasMessageContaining("no model");
  }
}
