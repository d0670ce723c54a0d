package io.chorus.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.common.internal.Json;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.StopReason;
import io.chorus.core.Usage;
import java.time.Duration;

/**
 * {@link ChatResponse} to and from the JSON stored in a journal. Rate-limit headers are not kept.
 */
public final class ResponseCodec {

  private static final ObjectMapper JSON = Json.MAPPER;

  private ResponseCodec() {}

  public static String encode(ChatResponse r) {
    ObjectNode n = JSON.createObjectNode();
    n.put("text", r.text());
    n.put("stop_reason", r.stopReason().name());
    n.put("model", r.model().toString());
    n.put("request_id", r.requestId());
    n.put("latency_ms", r.latency().toMillis());
    if (r.timeToFirstToken() != null) {
      n.put("ttft_ms", r.timeToFirstToken().toMillis());
    }
    n.put("reasoning", r.reasoning());
    n.put("synthetic", r.synthetic());
    usage(n.putObject("usage"), r.usage());
    return n.toString();
  }

  static void usage(ObjectNode u, Usage usage) {
    u.put("input_tokens", usage.inputTokens());
    u.put("output_tokens", usage.outputTokens());
    u.put("cache_write_tokens", usage.cacheWriteTokens());
    u.put("cache_read_tokens", usage.cacheReadTokens());
  }

  public static ChatResponse decode(String json) {
    try {
      JsonNode n = JSON.readTree(json);
      JsonNode u = n.path("usage");
      return new ChatResponse(
          n.path("text").asText(),
          StopReason.valueOf(n.path("stop_reason").asText()),
          new Usage(
              u.path("input_tokens").asLong(),
              u.path("output_tokens").asLong(),
              u.path("cache_write_tokens").asLong(),
              u.path("cache_read_tokens").asLong()),
          ModelId.parse(n.path("model").asText()),
          n.hasNonNull("request_id") ? n.get("request_id").asText() : null,
          Duration.ofMillis(n.path("latency_ms").asLong()),
          n.has("ttft_ms") ? Duration.ofMillis(n.get("ttft_ms").asLong()) : null,
          null,
          n.hasNonNull("reasoning") ? n.get("reasoning").asText() : null,
          n.path("synthetic").asBoolean());
    } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
      throw new IllegalStateException("journal holds an unreadable response: " + e.getMessage(), e);
    }
  }
}
