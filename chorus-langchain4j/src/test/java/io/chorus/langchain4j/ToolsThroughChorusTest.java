package io.chorus.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatModel;
import dev.langchain4j.service.AiServices;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Engine;
import io.chorus.core.Message;
import io.chorus.core.Outcome;
import io.chorus.core.Provider;
import io.chorus.core.ResponseFormat;
import io.chorus.core.StopReason;
import io.chorus.core.ToolCall;
import io.chorus.core.ToolChoice;
import io.chorus.providers.AnthropicProvider;
import io.chorus.providers.OpenAiCompatibleProvider;
import io.chorus.providers.Secret;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Simulator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Tool calls and JSON response formats through Chorus, both ways, against the simulator on
 * 127.0.0.1 in both protocols: a LangChain4j AI service with a {@code @Tool} method and one
 * returning a record through {@link ChorusChatModel} (Chorus's own OpenAI-compatible and Anthropic
 * providers underneath, plain and streamed), and LangChain4j's real OpenAI and Anthropic modules as
 * Chorus providers through {@link LangChain4jProvider}.
 */
class ToolsThroughChorusTest {

  /** An application's calculator assistant. */
  interface Assistant {
    String ask(String question);
  }

  /** The tool the model may call: LangChain4j runs it when the model asks. */
  static final class Calculator {
    final AtomicInteger calls = new AtomicInteger();

    @Tool("Adds two whole numbers")
    int add(@P("the first number") int a, @P("the second number") int b) {
      calls.incrementAndGet();
      return a + b;
    }
  }

  /** A structured answer: an AI service returning it asks for a JSON schema. */
  record Verdict(String label, int score, boolean spam) {}

  interface Classifier {
    Verdict classify(String text);
  }

  private static Provider chorusProvider(String protocol, Simulator sim) {
    return protocol.equals("openai")
        ? OpenAiCompatibleProvider.builder()
            .name("openai")
            .baseUrl(sim.baseUrl() + "/v1")
            .apiKey(Secret.of("sk-tools"))
            .synthetic(true)
            .build()
        : AnthropicProvider.builder()
            .name("anthropic")
            .baseUrl(sim.baseUrl())
            .apiKey(Secret.of("sk-ant-tools"))
            .synthetic(true)
            .build();
  }

  private static String model(String protocol) {
    return protocol.equals("openai") ? "openai:gpt-4o-mini" : "anthropic:claude-haiku-4-5";
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void anAiServiceWithAToolCallsItThroughTheChorusModel(String protocol) {
    try (Simulator sim = Simulator.builder().defaultModel(ModelBehaviour.INSTANT).start();
        Engine engine = Engine.builder().provider(chorusProvider(protocol, sim)).build()) {
      Calculator calculator = new Calculator();
      Assistant assistant =
          AiServices.builder(Assistant.class)
              .chatModel(ChorusChatModel.builder(engine).model(model(protocol)).build())
              .tools(calculator)
              .build();
      String answer = assistant.ask("What is 17 plus 25?");
      // the simulator called add(17, 25) (the prompt's numbers in order), LangChain4j ran it, and
      // the second call answered from the tool's result
      assertThat(calculator.calls).hasValue(1);
      assertThat(answer).isEqualTo("The tool answered: 42");
      assertThat(sim.stats().totals().requests()).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void anAiServiceReturningARecordGetsJsonFollowingItsSchema(String protocol) {
    try (Simulator sim = Simulator.builder().defaultModel(ModelBehaviour.INSTANT).start();
        Engine engine = Engine.builder().provider(chorusProvider(protocol, sim)).build()) {
      Classifier classifier =
          AiServices.create(
              Classifier.class, ChorusChatModel.builder(engine).model(model(protocol)).build());
      Verdict v = classifier.classify("Score this 'newsletter' out of 7");
      assertThat(v.label()).isEqualTo("newsletter"); // the prompt's quoted phrase
      assertThat(v.score()).isEqualTo(7);
      assertThat(v.spam()).isTrue();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aStreamedAnswerCarriesTheToolCallAssembledFromItsFragments(String protocol)
      throws Exception {
    try (Simulator sim = Simulator.builder().defaultModel(ModelBehaviour.INSTANT).start();
        Engine engine = Engine.builder().provider(chorusProvider(protocol, sim)).build()) {
      var streaming = ChorusChatModel.builder(engine).model(model(protocol)).build().streaming();
      CompletableFuture<dev.langchain4j.model.chat.response.ChatResponse> done =
          new CompletableFuture<>();
      streaming.chat(
          dev.langchain4j.model.chat.request.ChatRequest.builder()
              .messages(UserMessage.from("Add 1234567 and 7654321, please"))
              .toolSpecifications(
                  ToolSpecification.builder()
                      .name("add")
                      .description("Adds two whole numbers")
                      .parameters(
                          JsonObjectSchema.builder()
                              .addIntegerProperty("a")
                              .addIntegerProperty("b")
                              .required("a", "b")
                              .build())
                      .build())
              .build(),
          new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partial) {}

            @Override
            public void onCompleteResponse(dev.langchain4j.model.chat.response.ChatResponse r) {
              done.complete(r);
            }

            @Override
            public void onError(Throwable error) {
              done.completeExceptionally(error);
            }
          });
      var r = done.get(30, TimeUnit.SECONDS);
      assertThat(r.finishReason())
          .isEqualTo(dev.langchain4j.model.output.FinishReason.TOOL_EXECUTION);
      assertThat(r.aiMessage().toolExecutionRequests()).hasSize(1);
      var call = r.aiMessage().toolExecutionRequests().get(0);
      assertThat(call.name()).isEqualTo("add");
      assertThat(call.id()).startsWith(protocol.equals("openai") ? "call_" : "toolu_");
      // 24 characters of arguments: the simulator sent them in 16-character fragments
      assertThat(call.arguments()).isEqualTo("{\"a\":1234567,\"b\":7654321}");
    }
  }

  private static ChatModel langChain4jModel(String protocol, Simulator sim) {
    return protocol.equals("openai")
        ? OpenAiChatModel.builder()
            .baseUrl(sim.baseUrl() + "/v1")
            .apiKey("sk-lc4j-openai")
            .modelName("gpt-4o-mini")
            .maxRetries(0)
            .build()
        : AnthropicChatModel.builder()
            .baseUrl(sim.baseUrl() + "/v1/")
            .apiKey("sk-ant-lc4j")
            .modelName("claude-haiku-4-5")
            .maxRetries(0)
            .build();
  }

  @ParameterizedTest
  @ValueSource(strings = {"openai", "anthropic"})
  void aChorusToolCallGoesThroughLangChain4jsOwnClientAndBack(String protocol) {
    try (Simulator sim = Simulator.builder().defaultModel(ModelBehaviour.INSTANT).start();
        Engine engine =
            Engine.builder()
                .provider(
                    LangChain4jProvider.builder("lc")
                        .chatModel(langChain4jModel(protocol, sim))
                        .synthetic(true)
                        .build())
                .build()) {
      io.chorus.core.Tool weather =
          io.chorus.core.Tool.of(
              "weather",
              "Today's weather in a city",
              "{\"type\":\"object\",\"properties\":{\"city\":{\"type\":\"string\"}},"
                  + "\"required\":[\"city\"]}");
      ChatRequest ask =
          ChatRequest.builder("lc:any")
              .user("What is the weather in 'Lisbon'?")
              .tool(weather)
              .toolChoice(ToolChoice.tool("weather"))
              .build();
      ChatResponse first = ((Outcome.Success<ChatResponse>) engine.call(ask)).value();
      assertThat(first.stopReason()).isEqualTo(StopReason.TOOL_USE);
      assertThat(first.toolCalls()).hasSize(1);
      ToolCall call = first.toolCalls().get(0);
      assertThat(call.name()).isEqualTo("weather");
      // LangChain4j's Anthropic module hands the input on pretty-printed
      assertThat(call.argumentsJson().replaceAll("\\s", "")).isEqualTo("{\"city\":\"Lisbon\"}");

      ChatRequest answer =
          ask.toBuilder()
              .message(Message.assistant(first.text(), first.toolCalls()))
              .message(Message.toolResult(call.id(), "sunny, 21 C"))
              .build();
      ChatResponse second = ((Outcome.Success<ChatResponse>) engine.call(answer)).value();
      assertThat(second.toolCalls()).isEmpty();
      assertThat(second.text()).isEqualTo("The tool answered: sunny, 21 C");

      ChatRequest json =
          ChatRequest.builder("lc:any")
              .user("Label 'invoice' with 3")
              .responseFormat(
                  ResponseFormat.jsonSchema(
                      "label",
                      "{\"type\":\"object\",\"properties\":{\"label\":{\"type\":\"string\"},"
                          + "\"n\":{\"type\":\"integer\"}},\"required\":[\"label\",\"n\"]}"))
              .build();
      ChatResponse structured = ((Outcome.Success<ChatResponse>) engine.call(json)).value();
      assertThat(structured.text()).isEqualTo("{\"label\":\"invoice\",\"n\":3}");
    }
  }
}
