package io.chorus.langchain4j.internal;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.chorus.core.Message;
import io.chorus.core.ModelId;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** LangChain4j requests and responses to Chorus's and back. */
public final class Conversions {
  private Conversions() {}

  /**
   * The Chorus request for a LangChain4j one, whose parameters already carry the model's defaults.
   *
   * @throws UnsupportedFeatureException for what a Chorus request cannot carry
   * @throws InvalidRequestException for values Chorus refuses (an empty conversation, a temperature
   *     outside [0, 2])
   */
  public static io.chorus.core.ChatRequest toChorus(ChatRequest request, ModelId defaultModel) {
    ChatRequestParameters p = request.parameters();
    refuse(p);
    StringBuilder system = new StringBuilder();
    List<Message> messages = new ArrayList<>();
    for (ChatMessage m : request.messages()) {
      switch (m) {
        case SystemMessage s -> {
          if (!system.isEmpty()) {
            system.append("\n\n");
          }
          system.append(s.text());
        }
        case UserMessage u -> {
          if (!u.hasSingleText()) {
            throw new UnsupportedFeatureException(
                "Chorus sends text messages only: a user message with "
                    + u.contents().size()
                    + " parts (images, audio, PDF or several texts) cannot be sent");
          }
          messages.add(Message.user(u.singleText()));
        }
        case AiMessage a -> {
          if (a.hasToolExecutionRequests()) {
            throw new UnsupportedFeatureException(
                "Chorus does not carry tool calls yet: an AI message with tool execution requests"
                    + " cannot be sent");
          }
          messages.add(Message.assistant(a.text() == null ? "" : a.text()));
        }
        default ->
            throw new UnsupportedFeatureException(
                "Chorus does not carry " + m.type() + " messages yet");
      }
    }
    try {
      io.chorus.core.ChatRequest.Builder b =
          io.chorus.core.ChatRequest.builder(model(p.modelName(), defaultModel))
              .messages(messages)
              .temperature(p.temperature())
              .stopSequences(p.stopSequences() == null ? List.of() : p.stopSequences());
      if (!system.isEmpty()) {
        b.system(system.toString());
      }
      if (p.maxOutputTokens() != null) {
        b.maxTokens(p.maxOutputTokens());
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  private static void refuse(ChatRequestParameters p) {
    if (p.toolSpecifications() != null && !p.toolSpecifications().isEmpty()) {
      throw new UnsupportedFeatureException(
          "Chorus does not carry tool specifications yet ("
              + p.toolSpecifications().size()
              + " given)");
    }
    if (p.responseFormat() != null && p.responseFormat().type() == ResponseFormatType.JSON) {
      throw new UnsupportedFeatureException(
          "Chorus does not carry a JSON response format yet: ask for JSON in the prompt");
    }
    refuse("topP", p.topP());
    refuse("topK", p.topK());
    refuse("frequencyPenalty", p.frequencyPenalty());
    refuse("presencePenalty", p.presencePenalty());
  }

  private static void refuse(String name, @Nullable Object value) {
    if (value != null) {
      throw new UnsupportedFeatureException("Chorus does not send " + name + " (" + value + ")");
    }
  }

  /** {@code provider:model} as written, or a bare model name on the default's provider. */
  static ModelId model(@Nullable String modelName, ModelId defaultModel) {
    if (modelName == null || modelName.isBlank()) {
      return defaultModel;
    }
    return modelName.indexOf(':') > 0
        ? ModelId.parse(modelName)
        : new ModelId(defaultModel.provider(), modelName);
  }

  /** The LangChain4j response for a Chorus one. */
  public static ChatResponse toLangChain4j(io.chorus.core.ChatResponse r) {
    AiMessage.Builder message = AiMessage.builder().text(r.text());
    if (r.reasoning() != null) {
      message.thinking(r.reasoning());
    }
    Usage u = r.usage();
    return ChatResponse.builder()
        .aiMessage(message.build())
        .id(r.requestId())
        .modelName(r.model().toString())
        .tokenUsage(
            new TokenUsage(
                Math.toIntExact(u.totalInputTokens()),
                Math.toIntExact(u.outputTokens()),
                Math.toIntExact(u.totalTokens())))
        .finishReason(finishReason(r.stopReason()))
        .build();
  }

  static FinishReason finishReason(StopReason s) {
    return switch (s) {
      case END_TURN, STOP_SEQUENCE -> FinishReason.STOP;
      case MAX_TOKENS -> FinishReason.LENGTH;
      case TOOL_USE -> FinishReason.TOOL_EXECUTION;
      case CONTENT_FILTER -> FinishReason.CONTENT_FILTER;
      case UNKNOWN -> FinishReason.OTHER;
    };
  }

  static StopReason stopReason(@Nullable FinishReason f) {
    if (f == null) {
      return StopReason.UNKNOWN;
    }
    return switch (f) {
      case STOP -> StopReason.END_TURN;
      case LENGTH -> StopReason.MAX_TOKENS;
      case TOOL_EXECUTION -> StopReason.TOOL_USE;
      case CONTENT_FILTER -> StopReason.CONTENT_FILTER;
      case OTHER -> StopReason.UNKNOWN;
    };
  }

  /** The Chorus usage of a LangChain4j one: its input count taken as uncached input. */
  static Usage usage(@Nullable TokenUsage t) {
    if (t == null) {
      return Usage.ZERO;
    }
    return Usage.of(
        t.inputTokenCount() == null ? 0 : t.inputTokenCount(),
        t.outputTokenCount() == null ? 0 : t.outputTokenCount());
  }

  /** The LangChain4j request for a Chorus one, to the given model name. */
  static ChatRequest toLangChain4j(io.chorus.core.ChatRequest r, @Nullable String modelName) {
    List<ChatMessage> messages = new ArrayList<>();
    if (r.system() != null) {
      messages.add(SystemMessage.from(r.system()));
    }
    for (Message m : r.messages()) {
      messages.add(
          switch (m.role()) {
            case USER -> UserMessage.from(m.content());
            case ASSISTANT -> AiMessage.from(m.content());
          });
    }
    DefaultChatRequestParameters.Builder<?> p =
        ChatRequestParameters.builder().maxOutputTokens(r.maxTokens());
    if (modelName != null) {
      p.modelName(modelName);
    }
    if (r.temperature() != null) {
      p.temperature(r.temperature());
    }
    if (!r.stopSequences().isEmpty()) {
      p.stopSequences(r.stopSequences());
    }
    return ChatRequest.builder().messages(messages).parameters(p.build()).build();
  }
}
