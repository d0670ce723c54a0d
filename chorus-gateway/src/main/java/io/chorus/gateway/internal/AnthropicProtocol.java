package io.chorus.gateway.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Message;
import io.chorus.core.ModelId;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/** Anthropic Messages ({@code POST /v1/messages}), plain and streamed. */
public final class AnthropicProtocol implements Protocol {

  @Override
  public String home() {
    return "anthropic";
  }

  @Override
  public Parsed parse(JsonNode body, ModelRoutes routes) {
    String model = Fields.requiredString(body, "model");
    if (!body.hasNonNull("max_tokens")) {
      throw new GatewayException(ApiError.invalid("max_tokens", "max_tokens: Field required"));
    }
    int maxTokens = Fields.positiveInt(body, "max_tokens", ChatRequest.DEFAULT_MAX_TOKENS);
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new GatewayException(
          ApiError.invalid("messages", "messages: must be a non-empty array"));
    }
    if (body.hasNonNull("tools") && body.get("tools").size() > 0) {
      throw new GatewayException(
          ApiError.invalid("tools", "tools are not supported by this gateway"));
    }
    List<Message> turns = new ArrayList<>();
    StringBuilder prompt = new StringBuilder();
    String system = body.hasNonNull("system") ? Fields.text(body.get("system"), "system") : null;
    if (system != null) {
      prompt.append(system);
    }
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String where = "messages." + i;
      String role = m.path("role").asText("");
      String text = Fields.text(m.get("content"), where + ".content");
      switch (role) {
        case "user" -> {
          turns.add(Message.user(text));
          prompt.append(prompt.isEmpty() ? "" : "\n\n").append(text);
        }
        case "assistant" -> turns.add(Message.assistant(text));
        default ->
            throw new GatewayException(
                ApiError.invalid(
                    where + ".role",
                    where + ".role: must be 'user' or 'assistant', was '" + role + "'"));
      }
    }
    boolean stream = Fields.bool(body, "stream");
    if (Workflows.isWorkflow(model)) {
      return new Parsed(null, model, Workflows.name(model), prompt.toString(), stream, false);
    }
    ModelId id = routes.resolve(model, home());
    ChatRequest.Builder b =
        ChatRequest.builder(id)
            .messages(turns)
            .maxTokens(maxTokens)
            .temperature(Fields.temperature(body, 1))
            .stopSequences(Fields.strings(body, "stop_sequences"));
    if (system != null && !system.isBlank()) {
      b.system(system);
    }
    return new Parsed(b.build(), model, null, prompt.toString(), stream, false);
  }

  @Override
  public String errorJson(ApiError error) {
    return error.anthropicJson();
  }

  @Override
  public String answer(Parsed p, String id, ChatResponse r, Extension ext) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("id", "msg_" + id);
          g.writeStringField("type", "message");
          g.writeStringField("role", "assistant");
          g.writeStringField("model", p.requestedModel());
          g.writeArrayFieldStart("content");
          g.writeStartObject();
          g.writeStringField("type", "text");
          g.writeStringField("text", r.text());
          g.writeEndObject();
          g.writeEndArray();
          g.writeStringField("stop_reason", stopReason(r.stopReason()));
          g.writeNullField("stop_sequence");
          usage(g, r.usage(), true);
          ext.write(g);
          g.writeEndObject();
        });
  }

  static String stopReason(StopReason r) {
    return switch (r == null ? StopReason.END_TURN : r) {
      case MAX_TOKENS -> "max_tokens";
      case STOP_SEQUENCE -> "stop_sequence";
      case TOOL_USE -> "tool_use";
      case CONTENT_FILTER -> "refusal";
      default -> "end_turn";
    };
  }

  private static void usage(JsonGenerator g, Usage u, boolean input) throws IOException {
    Usage x = u == null ? Usage.ZERO : u;
    g.writeObjectFieldStart("usage");
    if (input) {
      g.writeNumberField("input_tokens", x.inputTokens());
      g.writeNumberField("cache_creation_input_tokens", x.cacheWriteTokens());
      g.writeNumberField("cache_read_input_tokens", x.cacheReadTokens());
    }
    g.writeNumberField("output_tokens", x.outputTokens());
    g.writeEndObject();
  }

  @Override
  public void streamStart(Sse out, Parsed p, String id) {
    out.event(
        "message_start",
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "message_start");
              g.writeObjectFieldStart("message");
              g.writeStringField("id", "msg_" + id);
              g.writeStringField("type", "message");
              g.writeStringField("role", "assistant");
              g.writeStringField("model", p.requestedModel());
              g.writeArrayFieldStart("content");
              g.writeEndArray();
              g.writeNullField("stop_reason");
              g.writeNullField("stop_sequence");
              usage(g, Usage.ZERO, true);
              g.writeEndObject();
              g.writeEndObject();
            }));
    out.event(
        "content_block_start",
        "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}");
    out.event("ping", "{\"type\":\"ping\"}");
  }

  @Override
  public void streamText(Sse out, Parsed p, String id, String delta) {
    out.event(
        "content_block_delta",
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "content_block_delta");
              g.writeNumberField("index", 0);
              g.writeObjectFieldStart("delta");
              g.writeStringField("type", "text_delta");
              g.writeStringField("text", delta);
              g.writeEndObject();
              g.writeEndObject();
            }));
  }

  @Override
  public void streamEnd(Sse out, Parsed p, String id, ChatResponse r, Extension ext) {
    out.event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}");
    out.event(
        "message_delta",
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("type", "message_delta");
              g.writeObjectFieldStart("delta");
              g.writeStringField("stop_reason", stopReason(r.stopReason()));
              g.writeNullField("stop_sequence");
              g.writeEndObject();
              usage(g, r.usage(), true);
              ext.write(g);
              g.writeEndObject();
            }));
    out.event("message_stop", "{\"type\":\"message_stop\"}");
  }

  @Override
  public void streamError(Sse out, ApiError error) {
    out.event("error", error.anthropicJson());
  }
}
