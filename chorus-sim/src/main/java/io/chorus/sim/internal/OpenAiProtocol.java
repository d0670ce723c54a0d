package io.chorus.sim.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.internal.Durations;
import io.chorus.core.TokenEstimate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * OpenAI Chat Completions (as also served by xAI, Ollama, vLLM): {@code POST /v1/chat/completions}.
 */
final class OpenAiProtocol implements Protocol {

  @Override
  public ParsedCall parse(HttpRequest request, long salt) throws ParsedCall.Invalid {
    JsonNode root =
        RequestJson.object(request, "We could not parse the JSON body of your request: ");
    String model = RequestJson.model(root, "you must provide a model parameter");
    JsonNode messages = RequestJson.messages(root, "'messages' must be a non-empty array");
    StringBuilder system = new StringBuilder();
    StringBuilder user = new StringBuilder();
    StringBuilder prompt = new StringBuilder();
    long input = 0;
    for (JsonNode m : messages) {
      String role = m.path("role").asText("");
      prompt.append('\u0001').append(role).append('\u0002');
      JsonNode content = m.get("content");
      String text;
      if (content == null || content.isNull()) {
        text = "";
      } else if (content.isTextual()) {
        text = content.asText();
      } else if (content.isArray()) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode part : content) {
          if ("text".equals(part.path("type").asText())) {
            sb.append(sb.isEmpty() ? "" : "\n").append(part.path("text").asText(""));
          } else {
            input += TokenEstimate.of(part.toString());
          }
        }
        text = sb.toString();
      } else {
        throw new ParsedCall.Invalid(
            "messages: content must be a string, an array of parts, or null");
      }
      input += TokenEstimate.of(text);
      prompt.append(text);
      if (m.has("tool_calls")) {
        input += TokenEstimate.of(m.get("tool_calls").toString());
      }
      switch (role) {
        case "system", "developer" -> system.append(system.isEmpty() ? "" : "\n").append(text);
        case "user" -> user.append(user.isEmpty() ? "" : "\n").append(text);
        case "assistant", "tool", "function" -> {}
        default -> throw new ParsedCall.Invalid("messages: unknown role '" + role + "'");
      }
    }
    input += RequestJson.toolTokens(root);
    long maxTokens = -1;
    for (String field : new String[] {"max_completion_tokens", "max_tokens"}) {
      JsonNode n = root.get(field);
      if (n != null && !n.isNull()) {
        if (!n.canConvertToLong() || n.asLong() < 1) {
          throw new ParsedCall.Invalid(field + " must be an integer of at least 1");
        }
        maxTokens = n.asLong();
        break;
      }
    }
    List<String> stops = new ArrayList<>();
    JsonNode stop = root.get("stop");
    if (stop != null && stop.isTextual()) {
      stops.add(stop.asText());
    } else if (stop != null && stop.isArray()) {
      stop.forEach(s -> stops.add(s.asText()));
    }
    String key = RequestJson.bearerKey(request);
    long bodyHash = Protocol.answerHash(root, salt);
    return new ParsedCall(
        model,
        key,
        system.toString(),
        List.of(),
        prompt.toString(),
        root.path("prompt_cache_key").isTextual() ? root.get("prompt_cache_key").asText() : null,
        user.toString(),
        input,
        maxTokens,
        root.path("stream").asBoolean(false),
        root.path("stream_options").path("include_usage").asBoolean(false),
        stops,
        bodyHash,
        ToolRequest.openAi(root, messages));
  }

  @Override
  public String[] requestId(SplittableRandom random) {
    return new String[] {"x-request-id", WireIds.hex("req_", 32, random)};
  }

  @Override
  public String messageId(SplittableRandom random) {
    return WireIds.base62("chatcmpl-", 29, random);
  }

  /** Tokens are reported as one budget: input plus output buckets. */
  @Override
  public void rateLimitHeaders(List<String[]> h, RateLimiter.Snapshot s, Instant now) {
    var l = s.limits();
    h.add(new String[] {"x-ratelimit-limit-requests", Long.toString(l.requestsPerMinute())});
    h.add(
        new String[] {
          "x-ratelimit-limit-tokens",
          Long.toString(l.inputTokensPerMinute() + l.outputTokensPerMinute())
        });
    h.add(new String[] {"x-ratelimit-remaining-requests", Long.toString(s.requestsRemaining())});
    h.add(
        new String[] {
          "x-ratelimit-remaining-tokens", Long.toString(s.inputRemaining() + s.outputRemaining())
        });
    h.add(
        new String[] {
          "x-ratelimit-reset-requests", Durations.formatGo(roundMillis(s.requestsReset()))
        });
    var tokenReset =
        s.inputReset().compareTo(s.outputReset()) >= 0 ? s.inputReset() : s.outputReset();
    h.add(new String[] {"x-ratelimit-reset-tokens", Durations.formatGo(roundMillis(tokenReset))});
  }

  private static java.time.Duration roundMillis(java.time.Duration d) {
    return java.time.Duration.ofMillis((d.toNanos() + 999_999) / 1_000_000);
  }

  @Override
  public int status(ErrorKind kind) {
    return switch (kind) {
      case INVALID_REQUEST -> 400;
      case AUTHENTICATION -> 401;
      case NOT_FOUND -> 404;
      case RATE_LIMIT, QUOTA -> 429;
      case SERVER -> 500;
      case UNAVAILABLE -> 503;
      case OVERLOADED -> 529;
    };
  }

  @Override
  public String errorBody(ErrorKind kind, String message) {
    String type;
    String code;
    switch (kind) {
      case INVALID_REQUEST -> {
        type = "invalid_request_error";
        code = null;
      }
      case AUTHENTICATION -> {
        type = "invalid_request_error";
        code = "invalid_api_key";
      }
      case NOT_FOUND -> {
        type = "invalid_request_error";
        code = "not_found";
      }
      case RATE_LIMIT -> {
        type = "requests";
        code = "rate_limit_exceeded";
      }
      case QUOTA -> {
        type = "insufficient_quota";
        code = "insufficient_quota";
      }
      case OVERLOADED -> {
        type = "server_error";
        code = "overloaded";
      }
      default -> {
        type = "server_error";
        code = null;
      }
    }
    return "{\"error\":{\"message\":"
        + Json.quote(message)
        + ",\"type\":\""
        + type
        + "\",\"param\":null,\"code\":"
        + Json.quote(code)
        + "}}";
  }

  @Override
  public String modelNotFoundBody(String model) {
    return "{\"error\":{\"message\":"
        + Json.quote("The model `" + model + "` does not exist or you do not have access to it.")
        + ",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}";
  }

  private static String finishReason(Answer a) {
    return switch (a.stop()) {
      case MAX_TOKENS -> "length";
      case TOOL_USE -> "tool_calls";
      default -> "stop";
    };
  }

  /** The {@code tool_calls} array of a whole answer's message. */
  private static String toolCalls(Answer a) {
    StringBuilder sb = new StringBuilder("[");
    for (int i = 0; i < a.toolCalls().size(); i++) {
      Answer.Call c = a.toolCalls().get(i);
      sb.append(i == 0 ? "" : ",")
          .append('{')
          .append("\"id\":\"call_")
          .append(c.idSuffix())
          .append("\",\"type\":\"function\",\"function\":{\"name\":")
          .append(Json.quote(c.name()))
          .append(",\"arguments\":")
          .append(Json.quote(c.argumentsJson()))
          .append("}}");
    }
    return sb.append(']').toString();
  }

  private static String usage(Reply r) {
    Answer a = r.answer();
    long out = a.outputTokens();
    long reasoning = a.reasoningTokens();
    long prompt = r.inputTokens() + r.cacheRead(); // prompt_tokens includes the cached ones
    return "{\"prompt_tokens\":"
        + prompt
        + ",\"completion_tokens\":"
        + out
        + ",\"total_tokens\":"
        + (prompt + out + reasoning)
        + ",\"prompt_tokens_details\":{\"cached_tokens\":"
        + r.cacheRead()
        + "},"
        + "\"completion_tokens_details\":{\"reasoning_tokens\":"
        + reasoning
        + "}}";
  }

  private static String head(Reply r, String object) {
    return "{\"id\":\""
        + r.id()
        + "\",\"object\":\""
        + object
        + "\",\"created\":"
        + r.created()
        + ",\"model\":"
        + Json.quote(r.model())
        + ",\"system_fingerprint\":\"fp_chorus_sim\",";
  }

  @Override
  public String completeBody(Reply r) {
    Answer a = r.answer();
    String reasoning =
        a.reasoning() == null ? "" : ",\"reasoning_content\":" + Json.quote(a.reasoning());
    String content =
        a.toolCalls().isEmpty() ? Json.quote(a.text()) : "null,\"tool_calls\":" + toolCalls(a);
    return head(r, "chat.completion")
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":"
        + content
        + reasoning
        + ",\"refusal\":null},\"logprobs\":null,\"finish_reason\":\""
        + finishReason(a)
        + "\"}],\"usage\":"
        + usage(r)
        + "}";
  }

  @Override
  public String malformedBody(Reply r) {
    return head(r, "chat.completion")
        + "\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"partial";
  }

  private static String chunk(Reply r, String delta, String finish) {
    return "data: "
        + head(r, "chat.completion.chunk")
        + "\"choices\":[{\"index\":0,\"delta\":"
        + delta
        + ",\"logprobs\":null,\"finish_reason\":"
        + (finish == null ? "null" : "\"" + finish + "\"")
        + "}]"
        + (r.includeUsage() ? ",\"usage\":null" : "")
        + "}\n\n";
  }

  @Override
  public String streamOpen(Reply r) {
    return chunk(r, "{\"role\":\"assistant\",\"content\":\"\",\"refusal\":null}", null);
  }

  @Override
  public String streamDelta(Reply r, String piece, boolean reasoning) {
    return chunk(
        r,
        "{\"" + (reasoning ? "reasoning_content" : "content") + "\":" + Json.quote(piece) + "}",
        null);
  }

  @Override
  public String streamClose(Reply r) {
    String s = "";
    // as OpenAI streams them: the id and name first, then the arguments in fragments
    List<Answer.Call> calls = r.answer().toolCalls();
    for (int i = 0; i < calls.size(); i++) {
      Answer.Call c = calls.get(i);
      s +=
          chunk(
              r,
              "{\"tool_calls\":[{\"index\":"
                  + i
                  + ",\"id\":\"call_"
                  + c.idSuffix()
                  + "\",\"type\":\"function\",\"function\":{\"name\":"
                  + Json.quote(c.name())
                  + ",\"arguments\":\"\"}}]}",
              null);
      String args = c.argumentsJson();
      for (int from = 0; from < args.length(); from += 16) {
        s +=
            chunk(
                r,
                "{\"tool_calls\":[{\"index\":"
                    + i
                    + ",\"function\":{\"arguments\":"
                    + Json.quote(args.substring(from, Math.min(args.length(), from + 16)))
                    + "}}]}",
                null);
      }
    }
    s += chunk(r, "{}", finishReason(r.answer()));
    if (r.includeUsage()) {
      s +=
          "data: "
              + head(r, "chat.completion.chunk")
              + "\"choices\":[],\"usage\":"
              + usage(r)
              + "}\n\n";
    }
    return s + "data: [DONE]\n\n";
  }

  @Override
  public String streamError(Reply r) {
    return "data: {\"error\":{\"message\":\"The server had an error while processing your request. Sorry about that!\","
        + "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n";
  }

  @Override
  public String streamMalformed(Reply r) {
    return "data: "
        + head(r, "chat.completion.chunk")
        + "\"choices\":[{\"index\":0,\"delta\":{\"content\":\"unterminated\n\n";
  }
}
