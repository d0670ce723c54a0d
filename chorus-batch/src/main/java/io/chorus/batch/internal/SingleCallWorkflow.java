package io.chorus.batch.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.chorus.batch.BatchItem;
import io.chorus.batch.BatchWorkflow;
import io.chorus.batch.ItemFailedException;
import io.chorus.core.CallOptions;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.Message;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.core.ResponseCache;
import io.chorus.core.Role;
import io.chorus.core.StreamObserver;
import io.chorus.core.TaskContext;
import java.util.Locale;

/**
 * One call per item. A line holds {@code prompt} (a user message) or {@code messages} ({@code
 * [{role, content}]}), optionally {@code system}, {@code model}, {@code max_tokens} and {@code
 * temperature}; or the OpenAI Batch API shape, with those fields inside {@code body}.
 *
 * <p>The response is in the cache (the batch journal) before the item is returned as done, so that
 * the journal's ordering contract holds: the engine stores it when the cache is the engine's own,
 * and this workflow does otherwise.
 */
public final class SingleCallWorkflow implements BatchWorkflow {

  private final ModelId defaultModel;
  private final ResponseCache cache;

  public SingleCallWorkflow(ModelId defaultModel, ResponseCache cache) {
    this.defaultModel = defaultModel;
    this.cache = cache;
  }

  @Override
  public String describe() {
    return "call " + defaultModel;
  }

  @Override
  public void validate(BatchItem item) {
    request(item);
  }

  public ChatRequest request(BatchItem item) {
    JsonNode n =
        item.json().has("body") && item.json().get("body").isObject()
            ? item.json().get("body")
            : item.json();
    ModelId model = defaultModel;
    if (n.hasNonNull("model")) {
      String m = n.get("model").asText();
      model = m.contains(":") ? ModelId.parse(m) : new ModelId(defaultModel.provider(), m);
    }
    ChatRequest.Builder b = ChatRequest.builder(model);
    if (n.hasNonNull("system")) {
      b.system(n.get("system").asText());
    }
    if (n.hasNonNull("prompt")) {
      if (!n.get("prompt").isTextual() || n.get("prompt").asText().isBlank()) {
        throw new IllegalArgumentException("'prompt' must be a non-empty string");
      }
      b.user(n.get("prompt").asText());
    } else if (n.has("messages") && n.get("messages").isArray() && !n.get("messages").isEmpty()) {
      for (JsonNode m : n.get("messages")) {
        String role = m.path("role").asText("user").toLowerCase(Locale.ROOT);
        String content = m.path("content").asText(null);
        if (content == null) {
          throw new IllegalArgumentException("every message needs a 'content' string");
        }
        switch (role) {
          case "system" -> b.system(content);
          case "assistant" -> b.message(Message.assistant(content));
          case "user" -> b.message(Message.user(content));
          default -> throw new IllegalArgumentException("unknown message role '" + role + "'");
        }
      }
    } else {
      throw new IllegalArgumentException(
          "a line needs 'prompt' (a string) or 'messages' (a list of {role, content})");
    }
    if (n.has("max_tokens")) {
      if (!n.get("max_tokens").canConvertToInt() || n.get("max_tokens").asInt() <= 0) {
        throw new IllegalArgumentException("'max_tokens' must be a positive whole number");
      }
      b.maxTokens(n.get("max_tokens").asInt());
    }
    if (n.hasNonNull("temperature")) {
      if (!n.get("temperature").isNumber()) {
        throw new IllegalArgumentException("'temperature' must be a number");
      }
      b.temperature(n.get("temperature").asDouble());
    }
    if (item.customId() != null) {
      b.metadata("custom_id", item.customId());
    }
    ChatRequest r = b.build();
    if (r.messages().isEmpty() || r.messages().get(r.messages().size() - 1).role() != Role.USER) {
      throw new IllegalArgumentException("the last message must be from the user");
    }
    return r;
  }

  @Override
  public ObjectNode run(BatchItem item, TaskContext context) throws ItemFailedException {
    ChatRequest request = request(item);
    // streamed (and discarded as it arrives) so that reports get the time to first token
    Outcome<ChatResponse> o =
        context.engine().call(request, CallOptions.DEFAULT.streaming(StreamObserver.NONE));
    if (!(o instanceof Outcome.Success<ChatResponse> s)) {
      throw new ItemFailedException(
          o.errorKind(), o.errorMessage(), o.timeline().attempts().size());
    }
    ChatResponse r = s.value();
    if (cache != null && context.engine().config().cache() != cache) {
      // an engine with this cache stored it already, before the call returned (one write, not two)
      cache.put(request.identity(), r);
    }
    ObjectNode out = JsonNodeFactory.instance.objectNode();
    out.put("model", r.model().toString());
    out.put("text", r.text());
    out.put("stop_reason", r.stopReason().name().toLowerCase(Locale.ROOT));
    ResponseCodec.usage(out.putObject("usage"), r.usage());
    out.put("request_id", r.requestId());
    if (r.synthetic()) {
      out.put("synthetic", true);
    }
    return out;
  }
}
