package io.chorus.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * What a request says about tools and the answer's shape, whichever protocol carried it.
 *
 * @param tools the tools offered: each an object with {@code name} and {@code schema} (the
 *     arguments' JSON Schema), in order
 * @param choice {@code auto}, {@code none}, {@code required}, or {@code tool:NAME}
 * @param toolResults the text of the tool results the conversation ends with, or null when its last
 *     turn is not tool results
 * @param format {@code text}, {@code json_object} or {@code json_schema}
 * @param schema the answer's JSON Schema for {@code json_schema}, else null
 */
record ToolRequest(
    List<Tool> tools, String choice, String toolResults, String format, JsonNode schema) {

  /** One offered tool. */
  record Tool(String name, JsonNode schema) {}

  static final ToolRequest NONE = new ToolRequest(List.of(), "auto", null, "text", null);

  /** Whether the simulator answers this request with a tool call. */
  boolean callsTool() {
    return !tools.isEmpty() && !choice.equals("none") && toolResults == null;
  }

  /** The tool to call: the one named by the choice, else the first offered. */
  Tool tool() {
    if (choice.startsWith("tool:")) {
      String name = choice.substring(5);
      for (Tool t : tools) {
        if (t.name().equals(name)) {
          return t;
        }
      }
    }
    return tools.get(0);
  }

  /** OpenAI Chat Completions: {@code tools}, {@code tool_choice}, {@code response_format}. */
  static ToolRequest openAi(JsonNode root, JsonNode messages) {
    List<Tool> tools = new java.util.ArrayList<>();
    for (JsonNode t : root.path("tools")) {
      JsonNode f = t.path("function");
      tools.add(new Tool(f.path("name").asText(""), f.path("parameters")));
    }
    JsonNode c = root.get("tool_choice");
    String choice = "auto";
    if (c != null && c.isTextual()) {
      choice = c.asText();
    } else if (c != null && c.isObject()) {
      choice = "tool:" + c.path("function").path("name").asText("");
    }
    StringBuilder results = null;
    for (JsonNode m : messages) {
      if ("tool".equals(m.path("role").asText())) {
        results = results == null ? new StringBuilder() : results.append('\n');
        JsonNode content = m.path("content");
        results.append(content.isTextual() ? content.asText() : content.toString());
      } else {
        results = null;
      }
    }
    JsonNode rf = root.path("response_format");
    String format = rf.path("type").asText("text");
    JsonNode schema = format.equals("json_schema") ? rf.path("json_schema").path("schema") : null;
    return new ToolRequest(
        tools, choice, results == null ? null : results.toString(), format, schema);
  }

  /** Anthropic Messages: {@code tools}, {@code tool_choice}, {@code output_config.format}. */
  static ToolRequest anthropic(JsonNode root, JsonNode messages) {
    List<Tool> tools = new java.util.ArrayList<>();
    for (JsonNode t : root.path("tools")) {
      tools.add(new Tool(t.path("name").asText(""), t.path("input_schema")));
    }
    JsonNode c = root.path("tool_choice");
    String choice =
        switch (c.path("type").asText("auto")) {
          case "any" -> "required";
          case "none" -> "none";
          case "tool" -> "tool:" + c.path("name").asText("");
          default -> "auto";
        };
    String results = null;
    JsonNode last = messages.get(messages.size() - 1);
    if ("user".equals(last.path("role").asText()) && last.path("content").isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode b : last.path("content")) {
        if ("tool_result".equals(b.path("type").asText())) {
          JsonNode content = b.path("content");
          if (content.isArray()) {
            content.forEach(
                p -> sb.append(sb.isEmpty() ? "" : "\n").append(p.path("text").asText("")));
          } else {
            sb.append(sb.isEmpty() ? "" : "\n").append(content.asText(""));
          }
        }
      }
      results = sb.isEmpty() ? null : sb.toString();
    }
    JsonNode f = root.path("output_config").path("format");
    String format = f.path("type").asText("text");
    return new ToolRequest(
        tools, choice, results, format, format.equals("json_schema") ? f.path("schema") : null);
  }
}
