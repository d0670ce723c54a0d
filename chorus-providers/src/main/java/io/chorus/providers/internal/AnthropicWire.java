package io.chorus.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.ChatRequest;
import io.chorus.core.Message;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;

/**
 * The Anthropic Messages API: {@code POST {base}/v1/messages} with {@code x-api-key} and {@code
 * anthropic-version}. Thread-safe and immutable.
 */
public final class AnthropicWire extends JsonPostWire {
  private final String version;

  /**
   * @param apiKey the key sent as {@code x-api-key}, or null to send none
   */
  public AnthropicWire(HttpUrl base, String apiKey, String version, String userAgent) {
    super(base, "v1/messages", apiKey, userAgent);
    this.version = version;
  }

  @Override
  void protocolHeaders(Request.Builder b) {
    b.header("anthropic-version", version);
  }

  @Override
  void authorize(Request.Builder b, String apiKey) {
    b.header("x-api-key", apiKey);
  }

  @Override
  byte[] encode(ChatRequest request, boolean stream) {
    return body(request, stream);
  }

  /** The JSON request body. */
  public static byte[] body(ChatRequest request, boolean stream) {
    ObjectNode root = Json.MAPPER.createObjectNode();
    root.put("model", request.model().model());
    root.put("max_tokens", request.maxTokens());
    // where a shared prefix ends: {part, chars}; part 0 is the system prompt when there is one
    int[] end = request.sharedPrefix() == null ? null : request.sharedPrefix().end(request);
    int part = 0;
    if (request.system() != null) {
      if (end != null && end[0] == 0) {
        ArrayNode blocks = root.putArray("system");
        breakpointBlocks(blocks, request.system(), end[1]);
        if (request.cacheSystemPrompt()) {
          ((ObjectNode) blocks.get(blocks.size() - 1))
              .putObject("cache_control")
              .put("type", "ephemeral");
        }
      } else if (request.cacheSystemPrompt()) {
        ObjectNode block = root.putArray("system").addObject();
        block.put("type", "text");
        block.put("text", request.system());
        block.putObject("cache_control").put("type", "ephemeral");
      } else {
        root.put("system", request.system());
      }
      part++;
    }
    ArrayNode messages = root.putArray("messages");
    ArrayNode results = null; // the user turn that holds consecutive tool results
    for (Message m : request.messages()) {
      if (m.role() == io.chorus.core.Role.TOOL) {
        if (results == null) {
          results = messages.addObject().put("role", "user").putArray("content");
        }
        ToolJson.anthropicToolResult(results, m);
        part++;
        continue;
      }
      if (results != null && m.role() == io.chorus.core.Role.USER) {
        // Anthropic alternates roles: text after tool results joins their user turn
        results.addObject().put("type", "text").put("text", m.content());
        results = null;
        part++;
        continue;
      }
      results = null;
      ObjectNode msg = messages.addObject().put("role", m.role().wireName());
      if (!m.toolCalls().isEmpty()) {
        ToolJson.anthropicToolUse(msg.putArray("content"), m);
      } else if (end != null && end[0] == part) {
        breakpointBlocks(msg.putArray("content"), m.content(), end[1]);
      } else {
        msg.put("content", m.content());
      }
      part++;
    }
    putSampling(root, request, "stop_sequences");
    ToolJson.anthropicOptions(root, request);
    if (stream) {
      root.put("stream", true);
    }
    return bytes(root);
  }

  /**
   * {@code text} as two text blocks, the first {@code chars} characters carrying the cache
   * breakpoint ({@code cache_control: ephemeral}); one block when the prefix is the whole text.
   */
  private static void breakpointBlocks(ArrayNode blocks, String text, int chars) {
    ObjectNode head = blocks.addObject();
    head.put("type", "text");
    head.put("text", text.substring(0, chars));
    head.putObject("cache_control").put("type", "ephemeral");
    if (chars < text.length()) {
      blocks.addObject().put("type", "text").put("text", text.substring(chars));
    }
  }

  @Override
  public Answer decode(JsonNode root) throws WireException {
    JsonNode content = root.get("content");
    if (content == null || !content.isArray()) {
      throw WireException.malformed("Anthropic response has no content array", null);
    }
    StringBuilder text = new StringBuilder();
    StringBuilder thinking = new StringBuilder();
    for (JsonNode block : content) {
      String type = Json.text(block, "type");
      if ("text".equals(type)) {
        text.append(Json.text(block, "text") == null ? "" : Json.text(block, "text"));
      } else if ("thinking".equals(type) && Json.text(block, "thinking") != null) {
        thinking.append(Json.text(block, "thinking"));
      }
    }
    return new Answer(
        text.toString(),
        thinking.isEmpty() ? null : thinking.toString(),
        stopReason(Json.text(root, "stop_reason")),
        usage(root.get("usage"), Usage.ZERO),
        ToolJson.anthropicCalls(content));
  }

  @Override
  public StreamDecoder streamDecoder() {
    return new Decoder();
  }

  @Override
  public String requestId(Headers headers) {
    String id = headers.get("request-id");
    return id != null ? id : headers.get("x-request-id");
  }

  /** Anthropic stop reasons. */
  public static StopReason stopReason(String reason) {
    if (reason == null) {
      return StopReason.UNKNOWN;
    }
    return switch (reason) {
      case "end_turn" -> StopReason.END_TURN;
      case "max_tokens", "model_context_window_exceeded" -> StopReason.MAX_TOKENS;
      case "stop_sequence" -> StopReason.STOP_SEQUENCE;
      case "tool_use" -> StopReason.TOOL_USE;
      case "refusal" -> StopReason.CONTENT_FILTER;
      default -> StopReason.UNKNOWN;
    };
  }

  /**
   * Usage with the fields present in {@code node} replacing those of {@code base}: stream usage is
   * cumulative, and message_delta may carry only output tokens.
   */
  static Usage usage(JsonNode node, Usage base) {
    if (node == null || !node.isObject()) {
      return base;
    }
    return new Usage(
        Json.number(node, "input_tokens", base.inputTokens()),
        Json.number(node, "output_tokens", base.outputTokens()),
        Json.number(node, "cache_creation_input_tokens", base.cacheWriteTokens()),
        Json.number(node, "cache_read_input_tokens", base.cacheReadTokens()));
  }

  /** Decodes message_start, content_block_*, ping, message_delta, message_stop and error events. */
  private static final class Decoder implements StreamDecoder {
    private final StringBuilder text = new StringBuilder();
    private StringBuilder thinking;
    private Usage usage = Usage.ZERO;
    private String stopReason;
    private boolean started;
    private final ToolJson.AnthropicCalls calls = new ToolJson.AnthropicCalls();

    @Override
    public boolean accept(SseEvent event, DeltaSink sink) throws WireException {
      JsonNode data;
      try {
        data = Json.MAPPER.readTree(event.data());
      } catch (JsonProcessingException e) {
        throw WireException.malformed(
            "Anthropic " + event.type() + " event is not valid JSON: " + e.getOriginalMessage(), e);
      }
      if (data == null || !data.isObject()) {
        throw WireException.malformed(
            "Anthropic " + event.type() + " event data is not a JSON object", null);
      }
      String type = "message".equals(event.type()) ? Json.text(data, "type") : event.type();
      switch (type == null ? "" : type) {
        case "message_start" -> {
          started = true;
          JsonNode message = data.get("message");
          usage = usage(message == null ? null : message.get("usage"), usage);
        }
        case "content_block_start" -> {
          JsonNode block = data.get("content_block");
          if ("tool_use".equals(Json.text(block, "type"))) {
            calls.start(data.path("index").asInt(0), block);
          }
          String initial = Json.text(block, "text");
          if ("text".equals(Json.text(block, "type")) && initial != null && !initial.isEmpty()) {
            appendText(initial, sink);
          }
        }
        case "content_block_delta" -> {
          if (!calls.delta(data.path("index").asInt(0), data.path("delta"))) {
            delta(data.get("delta"), sink);
          }
        }
        case "message_delta" -> {
          String reason = Json.text(data.get("delta"), "stop_reason");
          if (reason != null) {
            stopReason = reason;
          }
          usage = usage(data.get("usage"), usage);
        }
        case "message_stop" -> {
          return true;
        }
        case "error" -> {
          ErrorBody error = ErrorBody.fromJson(data);
          throw WireException.errorEvent(
              error == null ? new ErrorBody(null, null, event.data()) : error);
        }
        default -> {
          // ping, content_block_stop, and event types added after this version: nothing to do
        }
      }
      return false;
    }

    private void delta(JsonNode delta, DeltaSink sink) {
      String type = Json.text(delta, "type");
      if ("text_delta".equals(type)) {
        String piece = Json.text(delta, "text");
        if (piece != null && !piece.isEmpty()) {
          appendText(piece, sink);
        }
      } else if ("thinking_delta".equals(type)) {
        String piece = Json.text(delta, "thinking");
        if (piece != null && !piece.isEmpty()) {
          if (thinking == null) {
            thinking = new StringBuilder();
          }
          thinking.append(piece);
          sink.reasoning(piece);
        }
      }
    }

    private void appendText(String piece, DeltaSink sink) {
      text.append(piece);
      sink.text(piece);
    }

    @Override
    public boolean stopped() {
      return started && stopReason != null;
    }

    @Override
    public Answer answer() {
      return new Answer(
          text.toString(),
          thinking == null ? null : thinking.toString(),
          stopReason(stopReason),
          usage,
          calls.calls());
    }
  }
}
