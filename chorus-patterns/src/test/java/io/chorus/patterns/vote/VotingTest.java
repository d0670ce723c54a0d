package io.chorus.patterns.vote;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.FailurePolicy;
import io.chorus.core.ModelId;
import io.chorus.core.ProviderError;
import io.chorus.core.RetryPolicy;
import io.chorus.semantics.Embedder;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, unit = TimeUnit.SECONDS)
class VotingTest {

  static final List<String> MODERATORS =
      List.of(
          "strict_moderator",
          "balanced_moderator",
          "lenient_moderator",
          "context_analyst",
          "policy_expert");

  final FakeClock clock = new FakeClock();

  static String voter(ChatRequest r) {
    return r.metadata().get("voter");
  }

  static FakeProvider byVoter(String provider, Map<String, Reply> replies) {
    return FakeProvider.builder(provider)
        .responder(
            (r, n) -> replies.getOrDefault(voter(r), Reply.text("{\"decision\": \"acceptable\"}")))
        .build();
  }

  Engine engine(FakeProvider... fakes) {
    Engine.Builder b = Engine.builder().time(clock).sleeper(clock).seed(7);
    for (FakeProvider f : fakes) {
      b.provider(f);
    }
    return b.build();
  }

  static Voting.Builder moderation() {
    Voting.Builder b =
        Voting.builder()
            .name("moderation")
            .prompt("Classify: 'rocks for brains'")
            .options("acceptable", "needs_review", "rejected")
            .model("fake:m");
    MODERATORS.forEach(
        n -> b.voter(Voter.named(n).withSystem("You are " + n).withTemperature(0.3)));
    return b;
  }

  @Test
  void robustParsingInvalidAndFailedVotesAreReportedNotCounted() throws Exception {
    FakeProvider fake =
        byVoter(
            "fake",
            Map.of(
                "strict_moderator",
                    Reply.text(
                        "```json\n{\"decision\": \"Reject\", \"confidence\": \"high\", \"reasoning\": \"insult\"}\n```"),
                "balanced_moderator",
                    Reply.text(
                        "DECISION: needs review\nCONFIDENCE: medium\nREASONING: heated but political"),
                "lenient_moderator", Reply.text("I would probably let it through, honestly."),
                "context_analyst", Reply.error(new ProviderError.ServerError("boom", 500)),
                "policy_expert", Reply.text("{\"decision\": \"rejected\", \"confidence\": 0.8}")));
    try (Engine engine = engine(fake)) {
      VotingResult r = moderation().build().run(engine);
      Tally t = r.tally();
      assertThat(t.winner()).isEqualTo("rejected");
      assertThat(t.counts())
          .containsEntry("rejected", 2)
          .containsEntry("needs_review", 1)
          .containsEntry("acceptable", 0);
      assertThat(t.validCount()).isEqualTo(3);
      Vote invalid = t.invalid().get(0);
      assertThat(invalid.voter()).isEqualTo("lenient_moderator");
      assertThat(invalid.rawText()).isEqualTo("I would probably let it through, honestly.");
      assertThat(invalid.problem()).contains("could not be read");
      Vote failed = t.failed().get(0);
      assertThat(failed.voter()).isEqualTo("context_analyst");
      assertThat(failed.call().errorKind()).isEqualTo("server_error");
      assertThat(failed.call().attempts()).hasSize(1 + RetryPolicy.DEFAULT.maxRetries());
      assertThat(r.ok()).isTrue();
      String md = r.toMarkdown();
      assertThat(md)
          .contains("**Decision:** rejected")
          .contains("server_error")
          .contains("let it through")
          .contains("1 invalid, 1 failed");
      String json = r.toJson();
      assertThat(json)
          .contains("\"status\" : \"INVALID\"")
          .contains("\"errorKind\" : \"server_error\"")
          .contains("\"winner\" : \"rejected\"");
      // a call's record keeps the JSON shape and spelling it always had (CallSummary's)
      JsonNode votes =
          io.chorus.common.internal.Json.MAPPER.readTree(json).path("tally").path("votes");
      JsonNode call = votes.get(3).path("call");
      List<String> fields = new java.util.ArrayList<>();
      call.fieldNames().forEachRemaining(fields::add);
      assertThat(fields)
          .containsExactly(
              "model",
              "status",
              "usage",
              "costUsd",
              "elapsedMs",
              "attempts",
              "errorKind",
              "errorMessage",
              "synthetic");
      assertThat(call.path("status").asText()).isEqualTo("failed");
      assertThat(call.path("attempts").asInt()).isEqualTo(1 + RetryPolicy.DEFAULT.maxRetries());
      assertThat(call.path("model").asText()).isEqualTo("fake:m");
      assertThat(votes.get(0).path("call").path("status").asText()).isEqualTo("succeeded");
    }
  }

  @Test
  void unmatchedDecisionIsInvalidNeverUnknownChoice() {
    FakeProvider fake =
        byVoter("fake", Map.of("strict_moderator", Reply.text("{\"decision\": \"banana\"}")));
    try (Engine engine = engine(fake)) {
      VotingResult r = moderation().build().run(engine);
      assertThat(r.tally().counts()).doesNotContainKey("banana").doesNotContainKey("UNKNOWN");
      assertThat(r.tally().invalid())
          .singleElement()
          .satisfies(
              v -> {
                assertThat(v.decision()).isEqualTo("banana");
                assertThat(v.problem()).contains("not one of");
              });
      assertThat(r.winner()).isEqualTo("acceptable");
      assertThat(r.tally().agreement()).isEqualTo(1.0);
    }
  }

  @Test
  void mixedModelsAndWeights() {
    FakeProvider a =
        FakeProvider.builder("a").script(Reply.text("{\"decision\": \"yes\"}")).build();
    FakeProvider b = FakeProvider.builder("b").script(Reply.text("{\"decision\": \"no\"}")).build();
    try (Engine engine = engine(a, b)) {
      Voting.Builder vb =
          Voting.builder()
              .prompt("Ship it?")
              .options("yes", "no")
              .voter(Voter.named("senior").withModel("a:big").withWeight(3))
              .voter(Voter.named("j1").withModel("b:small"))
              .voter(Voter.named("j2").withModel("b:small"));
      assertThat(vb.aggregator(Aggregators.majority()).build().run(engine).winner())
          .isEqualTo("no");
      VotingResult w = vb.aggregator(Aggregators.weighted()).build().run(engine);
      assertThat(w.winner()).isEqualTo("yes");
      assertThat(w.votes())
          .extracting(v -> v.call().modelShown())
          .containsExactly("a:big", "b:small", "b:small");
    }
  }

  @Test
  void selfConsistencySamplesCarryDistinctSampleIndexes() {
    FakeProvider fake = FakeProvider.builder("fake").script(Reply.text("DECISION: 42")).build();
    try (Engine engine = engine(fake)) {
      VotingResult r =
          Voting.builder()
              .prompt("6*7?")
              .samples(ModelId.parse("fake:m"), 5, 0.8, null)
              .build()
              .run(engine);
      assertThat(r.winner()).isEqualTo("42");
      assertThat(fake.requests())
          .extracting(ChatRequest::sampleIndex)
          .containsExactlyInAnyOrder(0, 1, 2, 3, 4);
      assertThat(new HashSet<>(fake.requests().stream().map(ChatRequest::identity).toList()))
          .hasSize(5);
      assertThat(fake.requests()).allSatisfy(q -> assertThat(q.temperature()).isEqualTo(0.8));
    }
  }

  @Test
  void aResponseCacheNeverCollapsesSamplesIntoOneAnswer() {
    Map<String, io.chorus.core.ChatResponse> store = new java.util.concurrent.ConcurrentHashMap<>();
    io.chorus.core.ResponseCache cache =
        new io.chorus.core.ResponseCache() {
          @Override
          public java.util.Optional<io.chorus.core.ChatResponse> get(String identity) {
            return java.util.Optional.ofNullable(store.get(identity));
          }

          @Override
          public void put(String identity, io.chorus.core.ChatResponse response) {
            store.put(identity, response);
          }
        };
    FakeProvider fake =
        FakeProvider.builder("fake").responder((r, n) -> Reply.text("DECISION: " + n)).build();
    try (Engine engine =
        Engine.builder().provider(fake).time(clock).sleeper(clock).seed(1).cache(cache).build()) {
      Voting v =
          Voting.builder()
              .prompt("Pick a number")
              .samples(ModelId.parse("fake:m"), 4, 1.0, null)
              .build();
      VotingResult first = v.run(engine);
      assertThat(fake.calls()).isEqualTo(4);
      assertThat(first.tally().counts())
          .hasSize(4); // four different samples, not one cached answer
      VotingResult again = v.run(engine);
      assertThat(fake.calls()).as("the same samples again come from the cache").isEqualTo(4);
      assertThat(again.tally().counts()).isEqualTo(first.tally().counts());
    }
  }

  @Test
  void failFastCancelsTheRestAndReportsTheCause() throws Exception {
    java.util.concurrent.CountDownLatch othersInFlight = new java.util.concurrent.CountDownLatch(1);
    FakeProvider fake =
        FakeProvider.builder("fake")
            .on(
                r -> voter(r).equals("strict_moderator"),
                Reply.error(new ProviderError.InvalidRequest("bad", 400)).after(othersInFlight))
            .script(Reply.hang())
            .build();
    try (Engine engine = engine(fake)) {
      Thread.startVirtualThread(
          () -> {
            try {
              fake.awaitInFlight(5, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            othersInFlight.countDown();
          });
      VotingResult r = moderation().policy(FailurePolicy.FAIL_FAST).build().run(engine);
      assertThat(r.runFailure()).contains("invalid_request");
      assertThat(r.ok()).isFalse();
      assertThat(r.tally().failed())
          .singleElement()
          .extracting(Vote::voter)
          .isEqualTo("strict_moderator");
      assertThat(r.tally().notRun()).hasSize(4);
      assertThat(fake.interrupts()).isEqualTo(4);
      assertThat(r.toMarkdown()).contains("Run failed under its failure policy");
    }
  }

  @Test
  void requireAllRunsEveryoneThenFailsNamingTheFailure() {
    FakeProvider fake =
        byVoter(
            "fake",
            Map.of("policy_expert", Reply.error(new ProviderError.InvalidRequest("bad", 400))));
    try (Engine engine = engine(fake)) {
      VotingResult r = moderation().policy(FailurePolicy.REQUIRE_ALL).build().run(engine);
      assertThat(fake.calls()).isEqualTo(5);
      assertThat(r.runFailure()).contains("invalid_request");
      assertThat(r.tally().validCount()).isEqualTo(4);
      assertThat(r.ok()).isFalse();
    }
  }

  @Test
  void retryPolicyRunsAFailedVoterAgain() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .on(
                r -> voter(r).equals("policy_expert"),
                Reply.error(new ProviderError.InvalidRequest("flaky", 400)),
                Reply.text("{\"decision\": \"rejected\"}"))
            .script(Reply.text("{\"decision\": \"rejected\"}"))
            .build();
    try (Engine engine = engine(fake)) {
      VotingResult ignore = moderation().build().run(engine);
      assertThat(ignore.tally().failed()).hasSize(1);
      VotingResult retry = moderation().policy(FailurePolicy.retry(1)).build().run(engine);
      assertThat(retry.tally().failed()).isEmpty();
      assertThat(retry.tally().counts()).containsEntry("rejected", 5);
    }
  }

  @Test
  void quorumStopsOnceEnoughVotersAnswered() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .on(
                r -> voter(r).equals("context_analyst") || voter(r).equals("policy_expert"),
                Reply.hang())
            .script(Reply.text("{\"decision\": \"rejected\"}"))
            .build();
    try (Engine engine = engine(fake)) {
      VotingResult r = moderation().policy(FailurePolicy.quorum(3)).build().run(engine);
      assertThat(r.runFailure()).isNull();
      assertThat(r.tally().validCount()).isEqualTo(3);
      assertThat(r.tally().notRun()).hasSize(2);
      assertThat(r.winner()).isEqualTo("rejected");
    }
  }

  @Test
  void rankedVoteWithBorda() {
    FakeProvider fake =
        byVoter(
            "fake",
            Map.of(
                "strict_moderator", Reply.text("{\"ranking\": [\"b\", \"a\", \"c\"]}"),
                "balanced_moderator", Reply.text("RANKING: B > C > A"),
                "lenient_moderator",
                    Reply.text("{\"decision\": \"a\", \"ranking\": \"a > b > c\"}"),
                "context_analyst", Reply.text("{\"ranking\": [\"c\", \"b\", \"a\"]}"),
                "policy_expert", Reply.text("{\"ranking\": [\"a\", \"c\", \"b\"]}")));
    try (Engine engine = engine(fake)) {
      Voting.Builder b =
          Voting.builder()
              .prompt("Rank")
              .options("a", "b", "c")
              .model("fake:m")
              .ranked(true)
              .aggregator(Aggregators.borda());
      MODERATORS.forEach(n -> b.voter(Voter.named(n)));
      Voting v = b.build();
      assertThat(v.votePrompt()).contains("Rank all of these options");
      VotingResult r = v.run(engine);
      // a: 1+0+2+0+2 = 5, b: 2+2+1+1+0 = 6, c: 0+1+0+2+1 = 4
      assertThat(r.tally().scores())
          .containsEntry("a", 5.0)
          .containsEntry("b", 6.0)
          .containsEntry("c", 4.0);
      assertThat(r.winner()).isEqualTo("b");
    }
  }

  @Test
  void judgeSynthesisMergesFreeTextAnswersAndCountsItsCall() {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .on(
                r -> "judge".equals(r.metadata().get("role")),
                Reply.text(
                        "{\"decision\": \"Paris is the capital of France.\", \"confidence\": \"high\"}")
                    .withUsage(io.chorus.core.Usage.of(100, 20)))
            .script(Reply.text("Paris").withUsage(io.chorus.core.Usage.of(10, 2)))
            .build();
    try (Engine engine = engine(fake)) {
      VotingResult r =
          Voting.builder()
              .prompt("Capital of France?")
              .model("fake:m")
              .voter(Voter.named("a"))
              .voter(Voter.named("b"))
              .aggregator(Aggregators.judge(null))
              .build()
              .run(engine);
      assertThat(r.winner()).isEqualTo("Paris is the capital of France.");
      assertThat(r.consensus()).isTrue();
      assertThat(r.callsMade()).isEqualTo(3);
      assertThat(r.usage().totalTokens()).isEqualTo(120 + 2 * 12);
      ChatRequest judge =
          fake.requests().stream()
              .filter(q -> "judge".equals(q.metadata().get("role")))
              .findFirst()
              .orElseThrow();
      assertThat(judge.lastUserMessage()).contains("[1] (a)\nParis").contains("[2] (b)\nParis");
    }
  }

  @Test
  void semanticClusteringCountsAnswersThatMeanTheSameTogether() {
    Map<String, String> answers =
        Map.of("a", "Paris", "b", "The answer is Paris.", "c", "paris", "d", "Lyon");
    FakeProvider fake =
        FakeProvider.builder("fake").responder((r, n) -> Reply.text(answers.get(voter(r)))).build();
    try (Engine engine = engine(fake)) {
      Voting.Builder b =
          Voting.builder()
              .prompt("Capital of France?")
              .model("fake:m")
              .aggregator(Aggregators.semantic(Embedder.hashed()));
      answers.keySet().stream().sorted().forEach(n -> b.voter(Voter.named(n)));
      VotingResult r = b.build().run(engine);
      assertThat(r.tally().groups()).hasSize(2);
      assertThat(r.tally().groups().get(0).voters()).containsExactly("a", "b", "c");
      assertThat(r.winner()).containsIgnoringCase("paris");
      assertThat(r.tally().agreement()).isEqualTo(0.75);
      assertThat(r.consensus()).isTrue();
    }
  }

  // ---- adaptive voting ----

  static Function<ChatRequest, Reply> lopsided(String... choices) {
    return r -> Reply.text("{\"decision\": \"" + choices[MODERATORS.indexOf(voter(r))] + "\"}");
  }

  @Test
  void adaptiveWavesSaveCallsOnLopsidedVotesWithTheSameOutcome() {
    Function<ChatRequest, Reply> answers =
        lopsided("rejected", "rejected", "rejected", "rejected", "acceptable");
    FakeProvider full = FakeProvider.builder("fake").responder((r, n) -> answers.apply(r)).build();
    FakeProvider waves = FakeProvider.builder("fake").responder((r, n) -> answers.apply(r)).build();
    VotingResult all;
    VotingResult early;
    try (Engine engine = engine(full)) {
      all = moderation().build().run(engine);
    }
    try (Engine engine = engine(waves)) {
      early = moderation().adaptive(Adaptive.waves(1)).build().run(engine);
    }
    assertThat(early.winner()).isEqualTo(all.winner()).isEqualTo("rejected");
    assertThat(early.consensus()).isEqualTo(all.consensus()).isTrue();
    assertThat(full.calls()).isEqualTo(5);
    assertThat(waves.calls()).isEqualTo(3); // 3-0 with 2 left: settled
    assertThat(early.callsSaved()).isEqualTo(2);
    assertThat(early.tally().notRun())
        .extracting(Vote::problem)
        .allMatch(p -> p.contains("not launched"));
    assertThat(early.toMarkdown()).contains("2 saved by adaptive stopping (waves:1)");
  }

  @Test
  void adaptiveCancelInterruptsVotersStillRunning() throws Exception {
    // the three quick voters answer only once all five calls are in flight
    java.util.concurrent.CountDownLatch allInFlight = new java.util.concurrent.CountDownLatch(1);
    FakeProvider fake =
        FakeProvider.builder("fake")
            .on(
                r -> voter(r).equals("context_analyst") || voter(r).equals("policy_expert"),
                Reply.hang())
            .script(Reply.text("{\"decision\": \"rejected\"}").after(allInFlight))
            .build();
    try (Engine engine = engine(fake)) {
      Thread.startVirtualThread(
          () -> {
            try {
              fake.awaitInFlight(5, Duration.ofSeconds(10));
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
            allInFlight.countDown();
          });
      VotingResult r = moderation().adaptive(Adaptive.cancelWhenSettled()).build().run(engine);
      assertThat(r.winner()).isEqualTo("rejected");
      assertThat(r.consensus()).isTrue();
      assertThat(r.runFailure()).isNull();
      assertThat(r.callsSaved()).isEqualTo(2);
      assertThat(fake.interrupts()).isEqualTo(2);
      assertThat(r.tally().notRun())
          .extracting(Vote::voter)
          .containsExactly("context_analyst", "policy_expert");
    }
  }
}
