package io.chorus.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Message;
import io.chorus.core.ModelId;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import java.util.ArrayList;
import java.util.List;

/** OpenAI Chat Completions ({@code POST /v1/chat/completions}), plain and streamed. */
public final class OpenAiProtocol implements Protocol {

  @Override
  public String home() {
    return "openai";
  }

  @Override
  public Parsed parse(JsonNode body, ModelRoutes routes) {
    String model = Fields.requiredString(body, "model");
    JsonNode messages = body.get("messages");
    if (messages == null || !messages.isArray() || messages.isEmpty()) {
      throw new GatewayException(
          ApiError.invalid("messages", "'messages' must be a non-empty array"));
    }
    JsonNode n = body.get("n");
    if (n != null && !n.isNull() && n.asInt(1) != 1) {
      throw new GatewayException(
          ApiError.invalid(
              "n", "'n' must be 1 on this gateway (ask a chorus/ workflow for many answers)"));
    }
    if (body.hasNonNull("tools") && body.get("tools").size() > 0) {
      throw new GatewayException(
          ApiError.invalid("tools", "tools are not supported by this gateway"));
    }
    List<String> system = new ArrayList<>();
    List<Message> turns = new ArrayList<>();
    StringBuilder prompt = new StringBuilder();
    for (int i = 0; i < messages.size(); i++) {
      JsonNode m = messages.get(i);
      String where = "messages[" + i + "]";
      String role = m.path("role").asText("");
      String text = Fields.text(m.get("content"), where + ".content");
      switch (role) {
        case "system", "developer" -> system.add(text);
        case "user" -> turns.add(Message.user(text));
        case "assistant" -> turns.add(Message.assistant(text));
        default ->
            throw new GatewayException(
                ApiError.invalid(
                    where + ".role",
                    "'"
                        + where
                        + ".role' must be system, developer, user or assistant, was '"
                        + role
                        + "'"));
      }
      if (!role.equals("assistant")) {
        prompt.append(prompt.isEmpty() ? "" : "\n\n").append(text);
      }
    }
    if (turns.isEmpty()) {
      throw new GatewayException(
          ApiError.invalid("messages", "'messages' must hold at least one user message"));
    }
    boolean stream = Fields.bool(body, "stream");
    boolean usage = stream && body.path("stream_options").path("include_usage").asBoolean(false);
    int maxTokens =
        Fields.positiveInt(
            body,
            "max_completion_tokens",
            Fields.positiveInt(body, "max_tokens", ChatRequest.DEFAULT_MAX_TOKENS));
    if (Workflows.isWorkflow(model)) {
      return new Parsed(null, model, Workflows.name(model), prompt.toString(), stream, usage);
    }
    ModelId id = routes.resolve(model, home());
    ChatRequest.Builder b =
        ChatRequest.builder(id)
            .messages(turns)
            .maxTokens(maxTokens)
            .temperature(Fields.temperature(body, 2))
            .stopSequences(Fields.strings(body, "stop"));
    if (!system.isEmpty()) {
      b.system(String.join("\n\n", system));
    }
    return new Parsed(b.build(), model, null, prompt.toString(), stream, usage);
  }

  @Override
  public String errorJson(ApiError error) {
    return error.openAiJson();
  }

  @Override
  public String answer(Parsed p, String id, ChatResponse r, Extension ext) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("id", "chatcmpl-" + id);
          g.writeStringField("object", "chat.completion");
          g.writeNumberField("created", System.currentTimeMillis() / 1000);
          g.writeStringField("model", p.requestedModel());
          g.writeArrayFieldStart("choices");
          g.writeStartObject();
          g.writeNumberField("index", 0);
          g.writeObjectFieldStart("message");
          g.writeStringField("role", "assistant");
          g.writeStringField("content", r.text());
          g.writeNullField("refusal");
          g.writeEndObject();
          g.writeNullField("logprobs");
          g.writeStringField("finish_reason", finishReason(r.stopReason()));
          g.writeEndObject();
          g.writeEndArray();
          usage(g, r.usage());
          g.writeStringField("system_fingerprint", "chorus");
          ext.write(g);
          g.writeEndObject();
        });
  }

  private static void usage(com.fasterxml.jackson.core.JsonGenerator g, Usage u)
      throws java.io.IOException {
    Usage x = u == null ? Usage.ZERO : u;
    g.writeObjectFieldStart("usage");
    g.writeNumberField("prompt_tokens", x.totalInputTokens());
    g.writeNumberField("completion_tokens", x.outputTokens());
    g.writeNumberField("total_tokens", x.totalTokens());
    g.writeEndObject();
  }

  static String finishReason(StopReason r) {
    return switch (r == null ? StopReason.END_TURN : r) {
      case MAX_TOKENS -> "length";
      case CONTENT_FILTER -> "content_filter";
      case TOOL_USE -> "tool_calls";
      default -> "stop";
    };
  }

  @Override
  public void streamStart(Sse out, Parsed p, String id) {
    out.event(
        null,
        chunk(
            p,
            id,
            g -> {
              g.writeStringField("role", "assistant");
              g.writeStringField("content", "");
            },
            null,
            null));
  }

  @Override
  public void streamText(Sse out, Parsed p, String id, String delta) {
    out.event(null, chunk(p, id, g -> g.writeStringField("content", delta), null, null));
  }

  @Override
  public void streamEnd(Sse out, Parsed p, String id, ChatResponse r, Extension ext) {
    out.event(null, chunk(p, id, g -> {}, finishReason(r.stopReason()), ext));
    if (p.includeUsage()) {
      out.event(
          null,
          Json.write(
              g -> {
                head(g, p, id);
                g.writeArrayFieldStart("choices");
                g.writeEndArray();
                usage(g, r.usage());
                g.writeEndObject();
              }));
    }
    out.event(null, "[DONE]");
  }

  @Override
  public void streamError(Sse out, ApiError error) {
    // what OpenAI sends when a stream fails after it began; the SDKs raise it as an APIError
    out.event(null, error.openAiJson());
  }

  private static String chunk(Parsed p, String id, Json.Body delta, String finish, Extension ext) {
    return Json.write(
        g -> {
          head(g, p, id);
          g.writeArrayFieldStart("choices");
          g.writeStartObject();
          g.writeNumberField("index", 0);
          g.writeObjectFieldStart("delta");
          delta.write(g);
          g.writeEndObject();
          g.writeNullField("logprobs");
          if (finish == null) {
            g.writeNullField("finish_reason");
          } else {
            g.writeStringField("finish_reason", finish);
          }
          g.writeEndObject();
          g.writeEndArray();
          if (ext != null) {
            ext.write(g);
          }
          g.writeEndObject();
        });
  }

  private static void head(com.fasterxml.jackson.core.JsonGenerator g, Parsed p, String id)
      throws java.io.IOException {
    g.writeStartObject();
    g.writeStringField("id", "chatcmpl-" + id);
    g.writeStringField("object", "chat.completion.chunk");
    g.writeNumberField("created", System.currentTimeMillis() / 1000);
    g.writeStringField("model", p.requestedModel());
    g.writeStringField("system_fingerprint", "chorus");
  }
}
