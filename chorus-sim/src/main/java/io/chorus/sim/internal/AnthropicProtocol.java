package io.chorus.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.TokenEstimate;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** The Anthropic Messages API: {@code POST /v1/messages}. */
final class AnthropicProtocol implements Protocol {

  @Override
  public ParsedCall parse(HttpRequest request, long salt) throws ParsedCall.Invalid {
    JsonNode root = RequestJson.object(request, "request body is not valid JSON: ");
    String model = RequestJson.model(root, "model: Field required");
    JsonNode maxTokens = root.get("max_tokens");
    if (maxTokens == null || !maxTokens.canConvertToLong() || maxTokens.asLong() < 1) {
      throw new ParsedCall.Invalid("max_tokens: Field required (an integer of at least 1)");
    }
    JsonNode messages = RequestJson.messages(root, "messages: Field required (a non-empty array)");
    List<PromptCache.Block> blocks = new ArrayList<>();
    StringBuilder system = new StringBuilder();
    long input = 0;
    JsonNode sys = root.get("system");
    if (sys != null && sys.isTextual()) {
      system.append(sys.asText());
      blocks.add(new PromptCache.Block(sys.asText(), TokenEstimate.of(sys.asText()), null));
    } else if (sys != null && sys.isArray()) {
      for (JsonNode b : sys) {
        String text = b.path("text").asText("");
        Duration ttl = breakpointTtl(b);
        if (!system.isEmpty()) {
          system.append('\n');
        }
        system.append(text);
        blocks.add(new PromptCache.Block(text, TokenEstimate.of(text), ttl));
      }
    } else if (sys != null && !sys.isNull()) {
      throw new ParsedCall.Invalid("system: must be a string or an array of text blocks");
    }
    for (PromptCache.Block b : blocks) {
      input += b.tokens(); // the system blocks; message blocks are counted below
    }
    StringBuilder user = new StringBuilder();
    for (JsonNode m : messages) {
      String role = m.path("role").asText("");
      if (!role.equals("user") && !role.equals("assistant")) {
        throw new ParsedCall.Invalid(
            "messages: role must be 'user' or 'assistant', was '" + role + "'");
      }
      JsonNode content = m.get("content");
      String text;
      String tag = "\u0002" + role + "\u0002"; // a message block never matches a system block
      if (content != null && content.isTextual()) {
        text = content.asText();
        input += TokenEstimate.of(text);
        blocks.add(new PromptCache.Block(tag + text, TokenEstimate.of(text), null));
      } else if (content != null && content.isArray()) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode block : content) {
          long tokens;
          String key;
          if ("text".equals(block.path("type").asText())) {
            String t = block.path("text").asText("");
            sb.append(sb.isEmpty() ? "" : "\n").append(t);
            tokens = TokenEstimate.of(t);
            key = t;
          } else {
            // images, tool use: counted by their JSON size
            tokens = TokenEstimate.of(block.toString());
            key = block.toString();
          }
          input += tokens;
          blocks.add(new PromptCache.Block(tag + key, tokens, breakpointTtl(block)));
        }
        text = sb.toString();
      } else {
        throw new ParsedCall.Invalid("messages: content must be a string or an array of blocks");
      }
      if (role.equals("user")) {
        user.append(user.isEmpty() ? "" : "\n").append(text);
      }
    }
    input += RequestJson.toolTokens(root);
    List<String> stops = new ArrayList<>();
    root.path("stop_sequences").forEach(s -> stops.add(s.asText()));
    String key = request.header("x-api-key");
    if (key == null) {
      key = RequestJson.bearerKey(request);
    }
    long bodyHash = Protocol.answerHash(root, salt);
    return new ParsedCall(
        model,
        key,
        system.toString(),
        blocks,
        null,
        null,
        user.toString(),
        input,
        maxTokens.asLong(),
        root.path("stream").asBoolean(false),
        false,
        stops,
        bodyHash,
        ToolRequest.anthropic(root, messages));
  }

  /** A block's cache breakpoint: its TTL (5 minutes, or 1 hour for {@code "1h"}), or null. */
  private static Duration breakpointTtl(JsonNode block) {
    JsonNode cc = block.get("cache_control");
    if (cc == null || !"ephemeral".equals(cc.path("type").asText())) {
      return null;
    }
    return "1h".equals(cc.path("ttl").asText()) ? Duration.ofHours(1) : Duration.ofMinutes(5);
  }

  @Override
  public String[] requestId(SplittableRandom random) {
    return new String[] {"request-id", WireIds.base62("req_", 24, random)};
  }

  @Override
  public String messageId(SplittableRandom random) {
    return WireIds.base62("msg_", 24, random);
  }

  @Override
  public void rateLimitHeaders(List<String[]> h, RateLimiter.Snapshot s, Instant now) {
    var l = s.limits();
    add(h, "requests", l.requestsPerMinute(), s.requestsRemaining(), s.requestsReset(), now);
    boolean inputTighter =
        (double) s.inputRemaining() / l.inputTokensPerMinute()
            <= (double) s.outputRemaining() / l.outputTokensPerMinute();
    if (inputTighter) {
      add(h, "tokens", l.inputTokensPerMinute(), s.inputRemaining(), s.inputReset(), now);
    } else {
      add(h, "tokens", l.outputTokensPerMinute(), s.outputRemaining(), s.outputReset(), now);
    }
    add(h, "input-tokens", l.inputTokensPerMinute(), s.inputRemaining(), s.inputReset(), now);
    add(h, "output-tokens", l.outputTokensPerMinute(), s.outputRemaining(), s.outputReset(), now);
  }

  private static void add(
      List<String[]> h, String what, long limit, long remaining, Duration reset, Instant now) {
    String p = "anthropic-ratelimit-" + what + "-";
    h.add(new String[] {p + "limit", Long.toString(limit)});
    h.add(new String[] {p + "remaining", Long.toString(remaining)});
    // RFC 3339, whole seconds, rounded up so the bucket is really full by then
    Instant at = now.plus(reset).plusNanos(999_999_999).truncatedTo(ChronoUnit.SECONDS);
    h.add(new String[] {p + "reset", at.toString()});
  }

  @Override
  public int status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST -> 400;
      case AUTHENTICATION -> 401;
      case QUOTA -> 402;
      case NOT_FOUND -> 404;
      case RATE_LIMIT -> 429;
      case SERVER -> 500;
      case UNAVAILABLE -> 503;
      case OVERLOADED -> 529;
    };
  }

  @Override
  public String errorBody(ErrorKind kind, String message) {
    String type =
        switch (kind) {
          case INVALID_REQUEST -> "invalid_request_error";
          case AUTHENTICATION -> "authentication_error";
          case QUOTA -> "billing_error";
          case NOT_FOUND -> "not_found_error";
          case RATE_LIMIT -> "rate_limit_error";
          case SERVER, UNAVAILABLE -> "api_error";
          case OVERLOADED -> "overloaded_error";
        };
    return "{\"type\":\"error\",\"error\":{\"type\":\""
        + type
        + "\",\"message\":"
        + Json.quote(message)
        + "}}";
  }

  @Override
  public String modelNotFoundBody(String model) {
    return errorBody(ErrorKind.NOT_FOUND, "model: " + model);
  }

  private static String stopReason(Answer a) {
    return switch (a.stop()) {
      case END -> "end_turn";
      case MAX_TOKENS -> "max_tokens";
      case STOP_SEQUENCE -> "stop_sequence";
      case TOOL_USE -> "tool_use";
    };
  }

  private static String usage(Reply r, long outputTokens) {
    return "{\"input_tokens\":"
        + r.inputTokens()
        + ",\"cache_creation_input_tokens\":"
        + r.cacheWrite()
        + ",\"cache_read_input_tokens\":"
        + r.cacheRead()
        + ",\"output_tokens\":"
        + outputTokens
        + "}";
  }

  @Override
  public String completeBody(Reply r) {
    Answer a = r.answer();
    return "{\"id\":\""
        + r.id()
        + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
        + Json.quote(r.model())
        + ",\"content\":["
        + (a.text().isEmpty() && !a.toolCalls().isEmpty()
            ? ""
            : "{\"type\":\"text\",\"text\":" + Json.quote(a.text()) + "}")
        + toolUseBlocks(a, !a.text().isEmpty() || a.toolCalls().isEmpty())
        + "],\"stop_reason\":\""
        + stopReason(a)
        + "\",\"stop_sequence\":"
        + Json.quote(a.stopSequence())
        + ",\"usage\":"
        + usage(r, a.outputTokens())
        + "}";
  }

  /** The {@code tool_use} blocks of a whole answer, after its text block when there is one. */
  private static String toolUseBlocks(Answer a, boolean afterText) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < a.toolCalls().size(); i++) {
      Answer.Call c = a.toolCalls().get(i);
      sb.append(afterText || i > 0 ? "," : "")
          .append("{\"type\":\"tool_use\",\"id\":\"toolu_")
          .append(c.idSuffix())
          .append("\",\"name\":")
          .append(Json.quote(c.name()))
          .append(",\"input\":")
          .append(c.argumentsJson())
          .append('}');
    }
    return sb.toString();
  }

  @Override
  public String malformedBody(Reply r) {
    return "{\"id\":\""
        + r.id()
        + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\""
        + "partial answer";
  }

  private static String event(String name, String data) {
    return "event: " + name + "\ndata: " + data + "\n\n";
  }

  @Override
  public String streamOpen(Reply r) {
    return event(
            "message_start",
            "{\"type\":\"message_start\",\"message\":{\"id\":\""
                + r.id()
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"model\":"
                + Json.quote(r.model())
                + ",\"content\":[],\"stop_reason\":null,\"stop_sequence\":null,\"usage\":"
                + usage(r, 1)
                + "}}")
        + event(
            "content_block_start",
            "{\"type\":\"content_block_start\",\"index\":0,\"content_block\":{\"type\":\"text\",\"text\":\"\"}}")
        + event("ping", "{\"type\": \"ping\"}");
  }

  @Override
  public String streamDelta(Reply r, String piece, boolean reasoning) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":"
            + Json.quote(piece)
            + "}}");
  }

  @Override
  public String streamClose(Reply r) {
    Answer a = r.answer();
    StringBuilder tools = new StringBuilder();
    // each tool_use block as Anthropic streams it: started with an empty input, then the input
    // JSON in input_json_delta fragments
    for (int i = 0; i < a.toolCalls().size(); i++) {
      Answer.Call c = a.toolCalls().get(i);
      int index = i + 1;
      tools.append(
          event(
              "content_block_start",
              "{\"type\":\"content_block_start\",\"index\":"
                  + index
                  + ",\"content_block\":{\"type\":\"tool_use\",\"id\":\"toolu_"
                  + c.idSuffix()
                  + "\",\"name\":"
                  + Json.quote(c.name())
                  + ",\"input\":{}}}"));
      String args = c.argumentsJson();
      for (int from = 0; from < args.length(); from += 16) {
        tools.append(
            event(
                "content_block_delta",
                "{\"type\":\"content_block_delta\",\"index\":"
                    + index
                    + ",\"delta\":{\"type\":\"input_json_delta\",\"partial_json\":"
                    + Json.quote(args.substring(from, Math.min(args.length(), from + 16)))
                    + "}}"));
      }
      tools.append(
          event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":" + index + "}"));
    }
    return event("content_block_stop", "{\"type\":\"content_block_stop\",\"index\":0}")
        + tools
        + event(
            "message_delta",
            "{\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\""
                + stopReason(a)
                + "\",\"stop_sequence\":"
                + Json.quote(a.stopSequence())
                + "},\"usage\":"
                + usage(r, a.outputTokens())
                + "}")
        + event("message_stop", "{\"type\":\"message_stop\"}");
  }

  @Override
  public String streamError(Reply r) {
    return event(
        "error",
        "{\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}");
  }

  @Override
  public String streamMalformed(Reply r) {
    return event(
        "content_block_delta",
        "{\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"unterminated");
  }
}
