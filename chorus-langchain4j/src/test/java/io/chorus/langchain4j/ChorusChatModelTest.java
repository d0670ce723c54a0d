package io.chorus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.ProviderException;
import io.chorus.core.RetryPolicy;
import io.chorus.providers.OpenAiCompatibleProvider;
import io.chorus.providers.Secret;
import io.chorus.sim.FaultKind;
import io.chorus.sim.FaultRule;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.RateLimits;
import io.chorus.sim.Rule;
import io.chorus.sim.Simulator;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link ChorusChatModel} under LangChain4j's own {@link AiServices} and its real OpenAI client,
 * against the simulator on 127.0.0.1.
 */
class ChorusChatModelTest {

  /** What an application's AI service looks like. */
  interface Assistant {
    String answer(String question);
  }

  static final int RPM = 600;
  static final int STORM = RPM + 20;

  private static Engine engine(Simulator sim, String key, Limits limits, RetryPolicy retry) {
    return Engine.builder()
        .provider(
            OpenAiCompatibleProvider.builder()
                .name("openai")
                .baseUrl(sim.baseUrl() + "/v1")
                .apiKey(Secret.of(key))
                .synthetic(true)
                .build())
        .limits("openai", limits)
        .retry(retry)
        .build();
  }

  @Test
  void anAiServiceMeetingA429StormThroughChorusStaysUnderTheLimit() throws Exception {
    try (Simulator sim =
        Simulator.builder()
            .defaultModel(ModelBehaviour.INSTANT)
            .seed(7)
            .keyLimits("sk-chorus", new RateLimits(RPM, 1_000_000_000L, 1_000_000_000L))
            // the contrast's key allows a tenth: at RPM the storm's 20 over the limit met no 429
            // once
            // it took over two seconds on a loaded machine (the bucket refills RPM/60 a second);
            // 560 over need over nine minutes of refill
            .keyLimits("sk-direct", new RateLimits(RPM / 10, 1_000_000_000L, 1_000_000_000L))
            .start()) {
      // the contrast: the same storm straight through LangChain4j's own OpenAI client
      Assistant direct =
          AiServices.create(
              Assistant.class,
              OpenAiChatModel.builder()
                  .baseUrl(sim.baseUrl() + "/v1")
                  .apiKey("sk-direct")
                  .modelName("gpt-4o-mini")
                  .maxRetries(0)
                  .build());
      List<Throwable> directFailures = storm(direct);
      assertThat(directFailures).isNotEmpty().allMatch(t -> t instanceof RateLimitException);
      assertThat(sim.stats().forKey("sk-direct").rateLimited()).isPositive();

      // the one bean changed: Chorus's model, its engine paced to the provider's limit
      try (Engine engine =
          engine(
              sim,
              "sk-chorus",
              Limits.concurrency(32).withRequestsPerMinute(RPM),
              RetryPolicy.DEFAULT)) {
        Assistant assistant =
            AiServices.create(
                Assistant.class,
                ChorusChatModel.builder(engine).model("openai:gpt-4o-mini").build());
        long t0 = System.nanoTime();
        assertThat(storm(assistant)).isEmpty();
        var counters = sim.stats().forKey("sk-chorus");
        assertThat(counters.rateLimited()).isZero();
        assertThat(counters.requests()).isEqualTo(STORM);
        System.out.printf(
            "429 storm: direct %d of %d failed (%d x 429); through Chorus 0 failed, %d x 429, %.1f s%n",
            directFailures.size(),
            STORM,
            sim.stats().forKey("sk-direct").rateLimited(),
            counters.rateLimited(),
            (System.nanoTime() - t0) / 1e9);
      }
    }
  }

  /** {@link #STORM} questions at once; the failures. */
  private static List<Throwable> storm(Assistant assistant) throws Exception {
    List<Throwable> failures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<String>> answers = new ArrayList<>();
      for (int i = 0; i < STORM; i++) {
        String q = "Question " + i + ": what is the capital of France?";
        answers.add(pool.submit(() -> assistant.answer(q)));
      }
      for (Future<String> f : answers) {
        try {
          assertThat(f.get(60, TimeUnit.SECONDS)).isNotBlank();
        } catch (java.util.concurrent.ExecutionException e) {
          failures.add(e.getCause());
        }
      }
    }
    return failures;
  }

  @Test
  void answersCarryTextUsageFinishReasonAndTheModelThatAnswered() {
    try (Simulator sim =
            Simulator.builder()
                .defaultModel(ModelBehaviour.INSTANT)
                .rule(Rule.builder().systemContains("terse").userContains("France").text("Paris."))
                .start();
        Engine engine = engine(sim, "sk-a", Limits.NONE, RetryPolicy.NONE)) {
      ChorusChatModel model = ChorusChatModel.builder(engine).model("openai:gpt-4o-mini").build();
      ChatResponse r =
          model.chat(
              ChatRequest.builder()
                  .messages(
                      SystemMessage.from("Be terse."), UserMessage.from("The capital of France?"))
                  .maxOutputTokens(50)
                  .build());
      assertThat(r.aiMessage().text()).isEqualTo("Paris.");
      assertThat(r.finishReason()).isEqualTo(FinishReason.STOP);
      assertThat(r.modelName()).isEqualTo("openai:gpt-4o-mini");
      assertThat(r.tokenUsage().inputTokenCount()).isPositive();
      assertThat(r.tokenUsage().outputTokenCount()).isPositive();
      assertThat(r.tokenUsage().totalTokenCount())
          .isEqualTo(r.tokenUsage().inputTokenCount() + r.tokenUsage().outputTokenCount());
    }
  }

  @Test
  void streamingDeliversDeltasThenTheWholeAnswer() throws Exception {
    try (Simulator sim =
            Simulator.builder()
                .defaultModel(ModelBehaviour.INSTANT)
                .rule(Rule.builder().userContains("count").text("one two three four"))
                .start();
        Engine engine = engine(sim, "sk-a", Limits.NONE, RetryPolicy.NONE)) {
      ChorusChatModel model = ChorusChatModel.builder(engine).model("openai:gpt-4o-mini").build();
      ConcurrentLinkedQueue<String> deltas = new ConcurrentLinkedQueue<>();
      CompletableFuture<ChatResponse> done = new CompletableFuture<>();
      model
          .streaming()
          .chat(
              "Please count.",
              new StreamingChatResponseHandler() {
                @Override
                public void onPartialResponse(String partial) {
                  deltas.add(partial);
                }

                @Override
                public void onCompleteResponse(ChatResponse response) {
                  done.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                  done.completeExceptionally(error);
                }
              });
      ChatResponse r = done.get(10, TimeUnit.SECONDS);
      assertThat(r.aiMessage().text()).isEqualTo("one two three four");
      assertThat(String.join("", deltas)).isEqualTo(r.aiMessage().text());
      assertThat(deltas).hasSizeGreaterThan(1);
    }
  }

  @ParameterizedTest
  @CsvSource({
    "RATE_LIMIT, dev.langchain4j.exception.RateLimitException, rate_limited",
    "QUOTA_EXHAUSTED, dev.langchain4j.exception.RateLimitException, quota_exhausted",
    "SERVER_ERROR, dev.langchain4j.exception.InternalServerException, server_error",
    "OVERLOADED, dev.langchain4j.exception.InternalServerException, overloaded"
  })
  void aFailureForGoodIsLangChain4jsOwnExceptionWithChorusErrorAsItsCause(
      FaultKind fault, Class<?> expected, String kind) {
    try (Simulator sim =
            Simulator.builder()
                .defaultModel(ModelBehaviour.INSTANT)
                .fault(FaultRule.always(fault))
                .start();
        Engine engine = engine(sim, "sk-a", Limits.NONE, RetryPolicy.NONE)) {
      ChorusChatModel model = ChorusChatModel.builder(engine).model("openai:gpt-4o-mini").build();
      assertThatThrownBy(() -> model.chat("Hello"))
          .isInstanceOf(expected)
          .hasMessageStartingWith(kind)
          .cause()
          .isInstanceOfSatisfying(
              ProviderException.class, pe -> assertThat(pe.error().kind()).isEqualTo(kind));
    }
  }

  @Test
  void retryAfterIsHonouredBeforeTheAiServiceSeesAnything() {
    AtomicInteger calls = new AtomicInteger();
    try (Simulator sim =
            Simulator.builder()
                .defaultModel(ModelBehaviour.INSTANT)
                .fault(
                    FaultRule.on(FaultKind.RATE_LIMIT, 1, 2).withRetryAfter(Duration.ofMillis(300)))
                .start();
        Engine engine =
            engine(
                sim,
                "sk-a",
                Limits.NONE,
                RetryPolicy.builder()
                    .initialBackoff(Duration.ofMillis(10))
                    .maxBackoff(Duration.ofMillis(20))
                    .build())) {
      Assistant assistant =
          AiServices.create(
              Assistant.class, ChorusChatModel.builder(engine).model("openai:gpt-4o-mini").build());
      // the engine's own backoff is 10-20 ms: only the provider's retry-after makes it wait 2 x 300
      // ms
      long t0 = System.nanoTime();
      assertThat(assistant.answer("Hello")).isNotBlank();
      calls.set((int) sim.stats().totals().requests());
      assertThat(calls.get()).isEqualTo(3);
      assertThat(sim.stats().totals().faults(FaultKind.RATE_LIMIT)).isEqualTo(2);
      assertThat(Duration.ofNanos(System.nanoTime() - t0))
          .isGreaterThanOrEqualTo(Duration.ofMillis(600));
    }
  }

  @Test
  void whatChorusCannotCarryIsRefusedBeforeAnythingIsSent() {
    try (Simulator sim = Simulator.builder().defaultModel(ModelBehaviour.INSTANT).start();
        Engine engine = engine(sim, "sk-a", Limits.NONE, RetryPolicy.NONE)) {
      ChorusChatModel model = ChorusChatModel.builder(engine).model("openai:gpt-4o-mini").build();
      ChatRequest topP = ChatRequest.builder().messages(UserMessage.from("Hi")).topP(0.5).build();
      assertThatThrownBy(() -> model.chat(topP))
          .isInstanceOf(UnsupportedFeatureException.class)
          .hasMessageContaining("topP");
      assertThat(sim.stats().totals().requests()).isZero();
    }
  }

  @Test
  void aRequestsModelNamePicksTheModel() {
    try (Simulator sim = Simulator.builder().defaultModel(ModelBehaviour.INSTANT).start();
        Engine engine = engine(sim, "sk-a", Limits.NONE, RetryPolicy.NONE)) {
      ChorusChatModel model = ChorusChatModel.builder(engine).model("openai:gpt-4o-mini").build();
      ChatResponse r =
          model.chat(
              ChatRequest.builder().messages(UserMessage.from("Hi")).modelName("gpt-4.1").build());
      assertThat(r.modelName()).isEqualTo("openai:gpt-4.1");
      assertThat(sim.stats().byModel()).containsKey("gpt-4.1");
    }
  }
}
