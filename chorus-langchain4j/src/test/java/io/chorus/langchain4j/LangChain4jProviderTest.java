package io.chorus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Outcome;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import io.chorus.core.RetryPolicy;
import io.chorus.patterns.vote.Voter;
import io.chorus.patterns.vote.Voting;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.sim.FaultKind;
import io.chorus.sim.FaultRule;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Rule;
import io.chorus.sim.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * LangChain4j's real OpenAI and Anthropic clients as Chorus providers through {@link
 * LangChain4jProvider}, against the simulator on 127.0.0.1.
 */
class LangChain4jProviderTest {

  private static ChatModel openAi(Simulator sim, String model) {
    return OpenAiChatModel.builder()
        .baseUrl(sim.baseUrl() + "/v1")
        .apiKey("sk-lc4j-openai")
        .modelName(model)
        .maxRetries(0)
        .build();
  }

  private static ChatModel anthropic(Simulator sim, String model) {
    return AnthropicChatModel.builder()
        .baseUrl(sim.baseUrl() + "/v1/")
        .apiKey("sk-ant-lc4j")
        .modelName(model)
        .maxRetries(0)
        .build();
  }

  @Test
  void aVoteWhoseVotersAreLangChain4jModels() {
    try (Simulator sim =
            Simulator.builder()
                .defaultModel(ModelBehaviour.INSTANT)
                .seed(3)
                .rule(
                    Rule.builder().userContains("rocks for brains").text("DECISION: needs_review"))
                .start();
        Engine engine =
            Engine.builder()
                .provider(
                    LangChain4jProvider.builder("lc-openai")
                        .chatModel(openAi(sim, "gpt-4o-mini"))
                        .synthetic(true)
                        .build())
                .provider(
                    LangChain4jProvider.builder("lc-anthropic")
                        .model("claude-haiku-4-5", anthropic(sim, "claude-haiku-4-5"))
                        .synthetic(true)
                        .build())
                .build()) {
      VotingResult vote =
          Voting.builder()
              .model("lc-openai:gpt-4o-mini")
              .prompt("Is 'rocks for brains' acceptable?")
              .options("acceptable", "needs_review", "rejected")
              .voter(Voter.named("openai-mini"))
              .voter(Voter.named("openai-4.1").withModel("lc-openai:gpt-4.1"))
              .voter(Voter.named("haiku").withModel("lc-anthropic:claude-haiku-4-5"))
              .build()
              .run(engine);
      System.out.println(vote.toMarkdown());
      assertThat(vote.votes()).hasSize(3);
      assertThat(vote.ok()).isTrue();
      assertThat(vote.winner()).isEqualTo("needs_review");
      assertThat(vote.synthetic()).isTrue();
      // the default model sent the voter's model name; the registered one went to its own
      assertThat(sim.stats().byModel()).containsKeys("gpt-4o-mini", "gpt-4.1", "claude-haiku-4-5");
      assertThat(sim.stats().forKey("sk-lc4j-openai").requests()).isEqualTo(2);
      assertThat(sim.stats().forKey("sk-ant-lc4j").requests()).isEqualTo(1);
    }
  }

  @Test
  void errorsMapOntoChorusClassesAndTheEngineRetriesThem() {
    try (Simulator sim =
            Simulator.builder()
                .defaultModel(ModelBehaviour.INSTANT)
                .fault(FaultRule.always(FaultKind.RATE_LIMIT).forModel("limited"))
                .fault(FaultRule.on(FaultKind.SERVER_ERROR, 1).forModel("flaky"))
                .start();
        Engine engine =
            Engine.builder()
                .provider(LangChain4jProvider.builder("lc").chatModel(openAi(sim, "any")).build())
                .retry(
                    RetryPolicy.builder()
                        .maxRetries(2)
                        .initialBackoff(Duration.ofMillis(5))
                        .maxBackoff(Duration.ofMillis(10))
                        .build())
                .build()) {
      Outcome<ChatResponse> limited = engine.call(ChatRequest.of("lc:limited", "Hello"));
      assertThat(limited)
          .isInstanceOfSatisfying(
              Outcome.Failure.class,
              f ->
                  assertThat(f.error())
                      .isInstanceOfSatisfying(
                          ProviderException.class,
                          pe -> {
                            assertThat(pe.error())
                                .isInstanceOfSatisfying(
                                    ProviderError.RateLimited.class,
                                    r -> {
                                      assertThat(r.httpStatus()).isEqualTo(429);
                                      // LangChain4j keeps no headers: retry-after is lost
                                      assertThat(r.retryAfter()).isNull();
                                    });
                          }));
      assertThat(limited.timeline().attempts()).hasSize(3);

      Outcome<ChatResponse> flaky = engine.call(ChatRequest.of("lc:flaky", "Hello"));
      assertThat(flaky.isSuccess()).isTrue();
      assertThat(flaky.timeline().attempts()).hasSize(2);
      assertThat(flaky.timeline().attempts().get(0).errorKind()).isEqualTo("server_error");
    }
  }

  @Test
  void aStreamingTwinStreamsDeltasOnTheCallingThread() {
    try (Simulator sim =
            Simulator.builder()
                .defaultModel(ModelBehaviour.INSTANT)
                .rule(Rule.builder().userContains("count").text("one two three four five"))
                .start();
        Engine engine =
            Engine.builder()
                .provider(
                    LangChain4jProvider.builder("lc")
                        .model(
                            "gpt-4o-mini",
                            openAi(sim, "gpt-4o-mini"),
                            OpenAiStreamingChatModel.builder()
                                .baseUrl(sim.baseUrl() + "/v1")
                                .apiKey("sk-lc4j-openai")
                                .modelName("gpt-4o-mini")
                                .build())
                        .build())
                .build()) {
      List<String> deltas = new ArrayList<>();
      Thread caller = Thread.currentThread();
      List<Thread> seenOn = new ArrayList<>();
      Outcome<ChatResponse> r =
          engine.call(
              ChatRequest.of("lc:gpt-4o-mini", "Please count."),
              CallOptions.DEFAULT.streaming(
                  d -> {
                    deltas.add(d);
                    seenOn.add(Thread.currentThread());
                  }));
      assertThat(r.optionalValue()).map(ChatResponse::text).contains("one two three four five");
      assertThat(String.join("", deltas)).isEqualTo("one two three four five");
      assertThat(deltas).hasSizeGreaterThan(1);
      assertThat(seenOn).hasSize(deltas.size()).allMatch(t -> t == caller);
    }
  }
}
