package io.chorus.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.ChatRequest;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * OpenAI Chat Completions as served by OpenAI, xAI, Ollama ({@code /v1}), vLLM and llama.cpp:
 * {@code POST {base}/chat/completions} with Bearer auth. Thread-safe and immutable.
 */
public final class OpenAiWire extends JsonPostWire {
  private final String maxTokensField;

  /**
   * @param apiKey the Bearer token, or null to send no Authorization header (local servers)
   * @param maxTokensField {@code max_completion_tokens} (OpenAI's current name) or {@code
   *     max_tokens}
   */
  public OpenAiWire(HttpUrl base, String apiKey, String maxTokensField, String userAgent) {
    super(base, "chat/completions", apiKey, userAgent);
    this.maxTokensField = maxTokensField;
  }

  @Override
  void authorize(Request.Builder b, String apiKey) {
    b.header("authorization", "Bearer " + apiKey);
  }

  @Override
  byte[] encode(ChatRequest request, boolean stream) {
    return body(request, stream, maxTokensField);
  }

  /** The JSON request body. */
  public static byte[] body(ChatRequest request, boolean stream, String maxTokensField) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("model", request.model().model());
    ArrayNode messages = root.putArray("messages");
    if (request.system() != null) {
      messages.addObject().put("role", "system").put("content", request.system());
    }
    for (io.chorus.core.Message m : request.messages()) {
      ToolJson.openAiMessage(messages, m);
    }
    root.put(maxTokensField, request.maxTokens());
    putSampling(root, request, "stop");
    ToolJson.openAiOptions(root, request);
    if (request.sharedPrefix() != null) {
      // OpenAI caches a prompt's start by itself; the key routes calls sharing it to one cache
      root.put("prompt_cache_key", request.sharedPrefix().key());
    }
    if (stream) {
      root.put("stream", true);
      root.putObject("stream_options").put("include_usage", true);
    }
    return bytes(root);
  }

  @Override
  public Answer decode(JsonNode root) throws WireException {
    JsonNode choices = root.get("choices");
    if (choices == null || !choices.isArray() || choices.isEmpty()) {
      throw WireException.malformed("chat completion has no choices", null);
    }
    JsonNode choice = choices.get(0);
    JsonNode message = choice.get("message");
    if (message == null || !message.isObject()) {
      throw WireException.malformed("chat completion choice has no message", null);
    }
    return new Answer(
        content(message.get("content")),
        reasoning(message),
        stopReason(Json.text(choice, "finish_reason")),
        usage(root.get("usage")),
        ToolJson.openAiCalls(message));
  }

  @Override
  public StreamDecoder streamDecoder() {
    return new Decoder();
  }

  @Override
  public String requestId(Headers headers) {
    String id = headers.get("x-request-id");
    return id != null ? id : headers.get("request-id");
  }

  /** OpenAI finish reasons. */
  public static StopReason stopReason(String reason) {
    if (reason == null) {
      return StopReason.UNKNOWN;
    }
    return switch (reason) {
      case "stop", "eos", "end_turn" -> StopReason.END_TURN;
      case "length" -> StopReason.MAX_TOKENS;
      case "tool_calls", "function_call" -> StopReason.TOOL_USE;
      case "content_filter" -> StopReason.CONTENT_FILTER;
      default -> StopReason.UNKNOWN;
    };
  }

  /**
   * {@code prompt_tokens} includes cached tokens on OpenAI; {@link Usage#inputTokens()} is uncached
   * only. {@code completion_tokens} is taken as reported (xAI excludes reasoning tokens).
   */
  static Usage usage(JsonNode node) {
    if (node == null || !node.isObject()) {
      return Usage.ZERO;
    }
    long prompt = Json.number(node, "prompt_tokens", 0);
    long cached = Json.number(node.get("prompt_tokens_details"), "cached_tokens", 0);
    cached = Math.max(0, Math.min(cached, prompt));
    return new Usage(
        prompt - cached, Math.max(0, Json.number(node, "completion_tokens", 0)), 0, cached);
  }

  private static String content(JsonNode content) {
    if (content == null || content.isNull()) {
      return "";
    }
    if (content.isArray()) {
      StringBuilder sb = new StringBuilder(); // content parts: [{"type":"text","text":"..."}]
      for (JsonNode part : content) {
        String t = Json.text(part, "text");
        if (t != null) {
          sb.append(t);
        }
      }
      return sb.toString();
    }
    return content.asText();
  }

  /** xAI and DeepSeek say {@code reasoning_content}; vLLM and Ollama say {@code reasoning}. */
  private static String reasoning(JsonNode node) {
    String r = Json.text(node, "reasoning_content");
    return r != null ? r : Json.text(node, "reasoning");
  }

  /** Decodes {@code chat.completion.chunk} events up to {@code [DONE]}. */
  private static final class Decoder implements StreamDecoder {
    private final StringBuilder text = new StringBuilder();
    private StringBuilder reasoning;
    private Usage usage = Usage.ZERO;
    private String finishReason;
    private final ToolJson.OpenAiCalls calls = new ToolJson.OpenAiCalls();

    @Override
    public boolean accept(SseEvent event, DeltaSink sink) throws WireException {
      String data = event.data().strip();
      if (data.equals("[DONE]")) {
        return true;
      }
      JsonNode chunk;
      try {
        chunk = Json.MAPPER.readTree(data);
      } catch (JsonProcessingException e) {
        throw WireException.malformed(
            "stream chunk is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (chunk == null || !chunk.isObject()) {
        throw WireException.malformed("stream chunk is not a JSON object", null);
      }
      if (chunk.has("error")
          || "error".equals(Json.text(chunk, "object"))
          || "error".equals(event.type())) {
        ErrorBody error = ErrorBody.fromJson(chunk);
        throw WireException.errorEvent(error == null ? new ErrorBody(null, null, data) : error);
      }
      JsonNode usageNode = chunk.get("usage");
      if (usageNode != null && usageNode.isObject()) {
        usage = usage(usageNode);
      }
      JsonNode choices = chunk.get("choices");
      if (choices != null && choices.isArray()) {
        for (JsonNode choice : choices) {
          if (Json.number(choice, "index", 0) != 0) {
            continue;
          }
          JsonNode delta = choice.get("delta");
          String r = delta == null ? null : reasoning(delta);
          if (r != null && !r.isEmpty()) {
            if (reasoning == null) {
              reasoning = new StringBuilder();
            }
            reasoning.append(r);
            sink.reasoning(r);
          }
          if (delta != null) {
            calls.accept(delta);
          }
          String piece = delta == null ? null : Json.text(delta, "content");
          if (piece != null && !piece.isEmpty()) {
            text.append(piece);
            sink.text(piece);
          }
          String finish = Json.text(choice, "finish_reason");
          if (finish != null) {
            finishReason = finish;
          }
        }
      }
      return false;
    }

    @Override
    public boolean stopped() {
      return finishReason != null;
    }

    @Override
    public Answer answer() {
      return new Answer(
          text.toString(),
          reasoning == null ? null : reasoning.toString(),
          stopReason(finishReason),
          usage,
          calls.calls());
    }
  }
}
