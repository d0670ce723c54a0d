package io.chorus.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.internal.JsonSchemaElementUtils;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonRawSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import io.chorus.common.internal.Json;
import io.chorus.core.Message;
import io.chorus.core.ModelId;
import io.chorus.core.StopReason;
import io.chorus.core.Tool;
import io.chorus.core.ToolCall;
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
   * <p>Tools, tool choice, tool calls, tool results and a JSON response format (with or without a
   * schema) are carried.
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
        case AiMessage a ->
            messages.add(Message.assistant(a.text() == null ? "" : a.text(), toolCalls(a)));
        case ToolExecutionResultMessage t ->
            messages.add(Message.toolResult(t.id() == null ? t.toolName() : t.id(), t.text()));
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
      if (p.toolSpecifications() != null) {
        for (ToolSpecification t : p.toolSpecifications()) {
          b.tool(tool(t));
        }
      }
      if (p.toolChoice() != null) {
        b.toolChoice(
            switch (p.toolChoice()) {
              case AUTO -> io.chorus.core.ToolChoice.AUTO;
              case REQUIRED -> io.chorus.core.ToolChoice.REQUIRED;
              case NONE -> io.chorus.core.ToolChoice.NONE;
            });
      }
      if (p.responseFormat() != null && p.responseFormat().type() == ResponseFormatType.JSON) {
        JsonSchema schema = p.responseFormat().jsonSchema();
        b.responseFormat(
            schema == null || schema.rootElement() == null
                ? io.chorus.core.ResponseFormat.JSON_OBJECT
                : io.chorus.core.ResponseFormat.jsonSchema(
                    schemaName(schema.name()),
                    Json.write(JsonSchemaElementUtils.toMap(schema.rootElement()))));
      }
      return b.build();
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  /**
   * A LangChain4j tool as a Chorus one; its parameters as the JSON Schema LangChain4j writes
   * ({@link ToolSpecification#toJson()}).
   */
  static Tool tool(ToolSpecification t) {
    JsonNode parameters;
    try {
      parameters = Json.MAPPER.readTree(t.toJson()).get("parameters");
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new InvalidRequestException("tool " + t.name() + ": " + e.getOriginalMessage());
    }
    try {
      return Tool.of(
          t.name(),
          t.description(),
          parameters == null || parameters.isNull() ? Tool.NO_PARAMETERS : parameters.toString());
    } catch (IllegalArgumentException e) {
      throw new InvalidRequestException(e.getMessage());
    }
  }

  /** A JSON schema's name as the providers accept it (OpenAI: letters, digits, '_' and '-'). */
  private static String schemaName(@Nullable String name) {
    String n = name == null ? "" : name.replaceAll("[^A-Za-z0-9_-]", "_");
    return n.isEmpty() ? "answer" : n.length() > 64 ? n.substring(0, 64) : n;
  }

  /** The tool calls of a LangChain4j AI message. */
  public static List<ToolCall> toolCalls(AiMessage a) {
    if (!a.hasToolExecutionRequests()) {
      return List.of();
    }
    List<ToolCall> out = new ArrayList<>();
    for (ToolExecutionRequest r : a.toolExecutionRequests()) {
      out.add(
          new ToolCall(
              r.id() == null ? r.name() : r.id(),
              r.name(),
              r.arguments() == null ? "{}" : r.arguments()));
    }
    return out;
  }

  private static void refuse(ChatRequestParameters p) {
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
    AiMessage.Builder message =
        AiMessage.builder().text(r.text().isEmpty() && !r.toolCalls().isEmpty() ? null : r.text());
    if (!r.toolCalls().isEmpty()) {
      message.toolExecutionRequests(
          r.toolCalls().stream()
              .map(
                  c ->
                      ToolExecutionRequest.builder()
                          .id(c.id())
                          .name(c.name())
                          .arguments(c.argumentsJson())
                          .build())
              .toList());
    }
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

  /** A Chorus tool as a LangChain4j specification ({@link ToolSpecification#fromJson}). */
  private static ToolSpecification specification(Tool t) {
    com.fasterxml.jackson.databind.node.ObjectNode spec = Json.MAPPER.createObjectNode();
    spec.put("name", t.name());
    spec.put("description", t.description());
    try {
      spec.set("parameters", Json.MAPPER.readTree(t.parametersJson()));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalArgumentException(
          "tool " + t.name() + ": parametersJson is not valid JSON: " + e.getOriginalMessage(), e);
    }
    return ToolSpecification.fromJson(spec.toString());
  }

  /** The LangChain4j request for a Chorus one, to the given model name. */
  static ChatRequest toLangChain4j(io.chorus.core.ChatRequest r, @Nullable String modelName) {
    List<ChatMessage> messages = new ArrayList<>();
    if (r.system() != null) {
      messages.add(SystemMessage.from(r.system()));
    }
    java.util.Map<String, String> toolNames = new java.util.HashMap<>();
    for (Message m : r.messages()) {
      m.toolCalls().forEach(c -> toolNames.put(c.id(), c.name()));
      messages.add(
          switch (m.role()) {
            case USER -> UserMessage.from(m.content());
            case ASSISTANT ->
                m.toolCalls().isEmpty()
                    ? AiMessage.from(m.content())
                    : AiMessage.builder()
                        .text(m.content().isEmpty() ? null : m.content())
                        .toolExecutionRequests(
                            m.toolCalls().stream()
                                .map(
                                    c ->
                                        ToolExecutionRequest.builder()
                                            .id(c.id())
                                            .name(c.name())
                                            .arguments(c.argumentsJson())
                                            .build())
                                .toList())
                        .build();
            case TOOL ->
                ToolExecutionResultMessage.from(
                    m.toolCallId(), toolNames.getOrDefault(m.toolCallId(), ""), m.content());
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
    io.chorus.core.ToolChoice choice = r.toolChoice();
    List<ToolSpecification> tools = new ArrayList<>();
    for (Tool t : r.tools()) {
      // LangChain4j names no single tool to call: "this tool" is "a tool, and only this one"
      if (choice.mode() != io.chorus.core.ToolChoice.Mode.TOOL
          || t.name().equals(choice.toolName())) {
        tools.add(specification(t));
      }
    }
    if (!tools.isEmpty()) {
      p.toolSpecifications(tools);
    }
    switch (choice.mode()) {
      case AUTO -> {}
      case NONE -> p.toolChoice(dev.langchain4j.model.chat.request.ToolChoice.NONE);
      case REQUIRED, TOOL -> p.toolChoice(dev.langchain4j.model.chat.request.ToolChoice.REQUIRED);
    }
    io.chorus.core.ResponseFormat f = r.responseFormat();
    switch (f.type()) {
      case TEXT -> {}
      case JSON_OBJECT -> p.responseFormat(dev.langchain4j.model.chat.request.ResponseFormat.JSON);
      case JSON_SCHEMA ->
          p.responseFormat(
              dev.langchain4j.model.chat.request.ResponseFormat.builder()
                  .type(ResponseFormatType.JSON)
                  .jsonSchema(
                      JsonSchema.builder()
                          .name(f.name())
                          .rootElement(JsonRawSchema.from(f.schemaJson()))
                          .build())
                  .build());
    }
    return ChatRequest.builder().messages(messages).parameters(p.build()).build();
  }
}
