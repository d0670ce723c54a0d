package io.chorus.providers.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.core.ChatRequest;
import io.chorus.core.Message;
import io.chorus.core.ResponseFormat;
import io.chorus.core.Role;
import io.chorus.core.Tool;
import io.chorus.core.ToolCall;
import io.chorus.core.ToolChoice;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tools, tool calls, tool results and response formats in the two wire protocols' shapes (OpenAI
 * Chat Completions and Anthropic Messages), for requests and for answers, whole or streamed.
 */
final class ToolJson {
  private ToolJson() {}

  /** A JSON text given by the caller (a schema, a call's arguments) as a node. */
  static JsonNode parse(String json, String what) {
    try {
      JsonNode n = Json.MAPPER.readTree(json);
      if (n == null || !n.isObject()) {
        throw new IllegalArgumentException(what + " is not a JSON object: " + json);
      }
      return n;
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(
          what + " is not valid JSON (" + e.getOriginalMessage() + "): " + json, e);
    }
  }

  // ---- OpenAI Chat Completions

  /** One conversation turn, with its tool calls or as a tool result. */
  static void openAiMessage(ArrayNode messages, Message m) {
    ObjectNode msg = messages.addObject().put("role", m.role().wireName());
    if (m.role() == Role.TOOL) {
      msg.put("tool_call_id", m.toolCallId());
      msg.put("content", m.content());
      return;
    }
    if (!m.toolCalls().isEmpty()) {
      if (m.content().isEmpty()) {
        msg.putNull("content");
      } else {
        msg.put("content", m.content());
      }
      ArrayNode calls = msg.putArray("tool_calls");
      for (ToolCall c : m.toolCalls()) {
        ObjectNode call = calls.addObject().put("id", c.id()).put("type", "function");
        call.putObject("function").put("name", c.name()).put("arguments", c.argumentsJson());
      }
      return;
    }
    msg.put("content", m.content());
  }

  /** {@code tools}, {@code tool_choice} and {@code response_format}, when not the defaults. */
  static void openAiOptions(ObjectNode root, ChatRequest r) {
    if (!r.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      for (Tool t : r.tools()) {
        ObjectNode f = tools.addObject().put("type", "function").putObject("function");
        f.put("name", t.name());
        if (!t.description().isEmpty()) {
          f.put("description", t.description());
        }
        f.set("parameters", parse(t.parametersJson(), "tool " + t.name() + ": parametersJson"));
      }
    }
    ToolChoice c = r.toolChoice();
    switch (c.mode()) {
      case AUTO -> {}
      case NONE -> root.put("tool_choice", "none");
      case REQUIRED -> root.put("tool_choice", "required");
      case TOOL ->
          root.putObject("tool_choice")
              .put("type", "function")
              .putObject("function")
              .put("name", c.toolName());
    }
    ResponseFormat f = r.responseFormat();
    switch (f.type()) {
      case TEXT -> {}
      case JSON_OBJECT -> root.putObject("response_format").put("type", "json_object");
      case JSON_SCHEMA -> {
        ObjectNode s =
            root.putObject("response_format").put("type", "json_schema").putObject("json_schema");
        s.put("name", f.name());
        s.set("schema", parse(f.schemaJson(), "response format " + f.name() + ": schemaJson"));
        s.put("strict", true);
      }
    }
  }

  /** The {@code tool_calls} of a whole answer's message. */
  static List<ToolCall> openAiCalls(JsonNode message) {
    List<ToolCall> out = new ArrayList<>();
    for (JsonNode c : message.path("tool_calls")) {
      JsonNode f = c.path("function");
      out.add(
          new ToolCall(
              c.path("id").asText(""), f.path("name").asText(""), f.path("arguments").asText("")));
    }
    return out;
  }

  /** Streamed tool calls: fragments keyed by {@code index}, joined. Not thread-safe. */
  static final class OpenAiCalls {
    private final Map<Integer, String[]> calls = new TreeMap<>();

    void accept(JsonNode delta) {
      for (JsonNode c : delta.path("tool_calls")) {
        String[] call =
            calls.computeIfAbsent(c.path("index").asInt(0), i -> new String[] {"", "", ""});
        if (c.hasNonNull("id")) {
          call[0] = c.get("id").asText();
        }
        JsonNode f = c.path("function");
        if (f.hasNonNull("name")) {
          call[1] += f.get("name").asText();
        }
        if (f.hasNonNull("arguments")) {
          call[2] += f.get("arguments").asText();
        }
      }
    }

    List<ToolCall> calls() {
      return calls.values().stream().map(c -> new ToolCall(c[0], c[1], c[2])).toList();
    }
  }

  // ---- Anthropic Messages

  /**
   * The content blocks of an assistant turn with tool calls: its text (if any), then one {@code
   * tool_use} block per call.
   */
  static void anthropicToolUse(ArrayNode blocks, Message m) {
    if (!m.content().isEmpty()) {
      blocks.addObject().put("type", "text").put("text", m.content());
    }
    for (ToolCall c : m.toolCalls()) {
      ObjectNode b = blocks.addObject().put("type", "tool_use");
      b.put("id", c.id()).put("name", c.name());
      b.set("input", parse(c.argumentsJson(), "tool call " + c.id() + ": argumentsJson"));
    }
  }

  /** One {@code tool_result} block answering a tool call. */
  static void anthropicToolResult(ArrayNode blocks, Message m) {
    blocks
        .addObject()
        .put("type", "tool_result")
        .put("tool_use_id", m.toolCallId())
        .put("content", m.content());
  }

  /** {@code tools}, {@code tool_choice} and {@code output_config}, when not the defaults. */
  static void anthropicOptions(ObjectNode root, ChatRequest r) {
    if (!r.tools().isEmpty()) {
      ArrayNode tools = root.putArray("tools");
      for (Tool t : r.tools()) {
        ObjectNode o = tools.addObject().put("name", t.name());
        if (!t.description().isEmpty()) {
          o.put("description", t.description());
        }
        o.set("input_schema", parse(t.parametersJson(), "tool " + t.name() + ": parametersJson"));
      }
    }
    ToolChoice c = r.toolChoice();
    switch (c.mode()) {
      case AUTO -> {}
      case NONE -> root.putObject("tool_choice").put("type", "none");
      case REQUIRED -> root.putObject("tool_choice").put("type", "any");
      case TOOL -> root.putObject("tool_choice").put("type", "tool").put("name", c.toolName());
    }
    ResponseFormat f = r.responseFormat();
    switch (f.type()) {
      case TEXT -> {}
      // Anthropic has no JSON-object mode: any object is the schema {"type":"object"}
      case JSON_OBJECT ->
          root.putObject("output_config")
              .putObject("format")
              .put("type", "json_schema")
              .putObject("schema")
              .put("type", "object");
      case JSON_SCHEMA ->
          root.putObject("output_config")
              .putObject("format")
              .put("type", "json_schema")
              .set("schema", parse(f.schemaJson(), "response format " + f.name() + ": schemaJson"));
    }
  }

  /** A whole answer's {@code tool_use} blocks. */
  static List<ToolCall> anthropicCalls(JsonNode content) {
    List<ToolCall> out = new ArrayList<>();
    for (JsonNode b : content) {
      if ("tool_use".equals(b.path("type").asText())) {
        out.add(
            new ToolCall(
                b.path("id").asText(""),
                b.path("name").asText(""),
                b.has("input") ? b.get("input").toString() : "{}"));
      }
    }
    return out;
  }

  /**
   * Streamed {@code tool_use} blocks: started by {@code content_block_start}, their input sent as
   * {@code input_json_delta} fragments, keyed by block index. Not thread-safe.
   */
  static final class AnthropicCalls {
    private final Map<Integer, String[]> calls = new TreeMap<>();

    void start(int index, JsonNode block) {
      calls.put(
          index, new String[] {block.path("id").asText(""), block.path("name").asText(""), ""});
    }

    /** Returns false when {@code index} is not a tool_use block. */
    boolean delta(int index, JsonNode delta) {
      String[] c = calls.get(index);
      if (c == null) {
        return false;
      }
      c[2] += delta.path("partial_json").asText("");
      return true;
    }

    List<ToolCall> calls() {
      return calls.values().stream().map(c -> new ToolCall(c[0], c[1], c[2])).toList();
    }
  }
}
