package io.chorus.sim.internal;

import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;

/**
 * One wire protocol (Anthropic Messages or OpenAI Chat Completions): request parsing, error bodies,
 * rate-limit headers, and the JSON / SSE text of answers. Stateless and thread-safe.
 *
 * <p>Answer JSON is assembled as text (strings escaped by Jackson) because it is the hot path at
 * tens of thousands of calls per second; the tests parse every shape with Jackson.
 */
interface Protocol {
  /**
   * Parses a request. {@code salt} is mixed into the answer seed (the {@code x-chorus-sample}
   * header's hash, or 0).
   */
  ParsedCall parse(HttpRequest request, long salt) throws ParsedCall.Invalid;

  /**
   * The seed of a request's answer: a hash of its JSON without the fields that only choose the
   * framing ({@code stream}, {@code stream_options}), so a streamed and a whole answer agree.
   */
  static long answerHash(com.fasterxml.jackson.databind.JsonNode root, long salt) {
    com.fasterxml.jackson.databind.node.ObjectNode copy =
        ((com.fasterxml.jackson.databind.node.ObjectNode) root).deepCopy();
    copy.remove("stream");
    copy.remove("stream_options");
    // caching changes the price, never the answer: a prompt split into cached blocks, or sent
    // with a prompt_cache_key, is answered as the same prompt sent plainly
    copy.remove("prompt_cache_key");
    if (copy.toString().contains("\"cache_control\"")) {
      plainText(copy, "system");
      for (com.fasterxml.jackson.databind.JsonNode m : copy.path("messages")) {
        if (m instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
          plainText(o, "content");
        }
      }
    }
    return Seeds.combine(Seeds.hash(copy.toString()), salt);
  }

  /** An array of text blocks under {@code field} as one string; other blocks lose cache_control. */
  private static void plainText(com.fasterxml.jackson.databind.node.ObjectNode node, String field) {
    com.fasterxml.jackson.databind.JsonNode v = node.get(field);
    if (v == null || !v.isArray()) {
      return;
    }
    StringBuilder text = new StringBuilder();
    for (com.fasterxml.jackson.databind.JsonNode b : v) {
      if (b instanceof com.fasterxml.jackson.databind.node.ObjectNode o) {
        o.remove("cache_control");
      }
      if (!"text".equals(b.path("type").asText()) || b.size() != 2) {
        return; // not text alone: keep the blocks, without their breakpoints
      }
      text.append(b.path("text").asText(""));
    }
    node.put(field, text.toString());
  }

  /** A new request id header: name and value. */
  String[] requestId(SplittableRandom random);

  /** A new message / completion id. */
  String messageId(SplittableRandom random);

  void rateLimitHeaders(List<String[]> headers, RateLimiter.Snapshot snapshot, Instant now);

  int status(ErrorKind kind);

  String errorBody(ErrorKind kind, String message);

  /** The provider's own 404 body for a model it does not have. */
  String modelNotFoundBody(String model);

  String completeBody(Reply reply);

  /** A 200 body that is not valid JSON. */
  String malformedBody(Reply reply);

  /** The events sent with the headers, before the first token. */
  String streamOpen(Reply reply);

  /** One piece of text (or of reasoning, OpenAI only). */
  String streamDelta(Reply reply, String piece, boolean reasoning);

  /** The events after the last token, ending the stream. */
  String streamClose(Reply reply);

  /** A mid-stream error event (after which the stream ends). */
  String streamError(Reply reply);

  /** An event whose data is not valid JSON. */
  String streamMalformed(Reply reply);
}
