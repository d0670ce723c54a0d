package io.chorus.gateway.internal;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * {@code GET /v1/models}: OpenAI's list shape, or Anthropic's when the client sends {@code
 * anthropic-version} (as the Anthropic SDKs always do).
 */
public final class ModelList {

  private final List<String> all;
  private final VirtualKeys keys;

  public ModelList(List<String> models, VirtualKeys keys) {
    this.all = List.copyOf(models);
    this.keys = keys;
  }

  /** The models the request's key may use (401 without a key when the gateway has keys). */
  public void handle(ServerRequest req, ServerResponse res, RequestInfo info) {
    boolean anthropic = req.headers().contains(HeaderNames.create("anthropic-version"));
    Protocol protocol = anthropic ? new AnthropicProtocol() : new OpenAiProtocol();
    VirtualKey key;
    try {
      key = keys.authenticate(req);
    } catch (GatewayException e) {
      Responses.error(res, protocol, e.error());
      return;
    }
    info.key(key.name());
    List<String> models = all.stream().filter(m -> key.allows(m, m)).toList();
    Responses.json(res, 200, anthropic ? anthropic(models) : openAi(models));
  }

  private static String openAi(List<String> models) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeStringField("object", "list");
          g.writeArrayFieldStart("data");
          for (String m : models) {
            g.writeStartObject();
            g.writeStringField("id", m);
            g.writeStringField("object", "model");
            g.writeNumberField("created", 0);
            g.writeStringField("owned_by", owner(m));
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeEndObject();
        });
  }

  private static String anthropic(List<String> models) {
    return Json.write(
        g -> {
          g.writeStartObject();
          g.writeArrayFieldStart("data");
          for (String m : models) {
            g.writeStartObject();
            g.writeStringField("type", "model");
            g.writeStringField("id", m);
            g.writeStringField("display_name", m);
            g.writeStringField("created_at", "1970-01-01T00:00:00Z");
            g.writeEndObject();
          }
          g.writeEndArray();
          g.writeBooleanField("has_more", false);
          if (models.isEmpty()) {
            g.writeNullField("first_id");
            g.writeNullField("last_id");
          } else {
            g.writeStringField("first_id", models.get(0));
            g.writeStringField("last_id", models.get(models.size() - 1));
          }
          g.writeEndObject();
        });
  }

  private static String owner(String model) {
    if (Workflows.isWorkflow(model)) {
      return "chorus";
    }
    int c = model.indexOf(':');
    return c > 0 ? model.substring(0, c) : "chorus";
  }
}
