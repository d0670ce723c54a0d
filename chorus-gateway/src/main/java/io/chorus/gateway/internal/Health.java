package io.chorus.gateway.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chorus.core.BreakerState;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.RateLimitInfo;
import io.chorus.gateway.GatewayListener;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.IntSupplier;

/**
 * {@code GET /health}: 200 {@code ok} while serving (503 {@code draining} after SIGTERM, so a load
 * balancer stops sending), and per provider whether it is synthetic, its configured limits, the
 * limits it last reported remaining, and the breaker state of each of its models that ever left
 * closed. Holds no key: a provider is named, never its credentials.
 */
public final class Health {

  private final Engine engine;
  private final List<String> providers;
  private final Set<String> synthetic;
  private final GatewayListener listener;

  public Health(
      Engine engine, List<String> providers, Set<String> synthetic, GatewayListener listener) {
    this.engine = engine;
    this.providers = List.copyOf(providers);
    this.synthetic = Set.copyOf(synthetic);
    this.listener = listener;
  }

  public void handle(ServerResponse res, boolean draining, IntSupplier inFlight) {
    Map<String, BreakerState> breakers = listener.breakers();
    Map<String, RateLimitInfo> reported = listener.limits();
    var config = engine.config();
    boolean anyOpen = breakers.values().stream().anyMatch(b -> b == BreakerState.OPEN);
    String status = draining ? "draining" : anyOpen ? "degraded" : "ok";
    Responses.json(
        res,
        draining ? 503 : 200,
        Json.write(
            g -> {
              g.writeStartObject();
              g.writeStringField("status", status);
              g.writeNumberField("in_flight", inFlight.getAsInt());
              g.writeObjectFieldStart("providers");
              for (String p : providers) {
                g.writeObjectFieldStart(p);
                g.writeBooleanField("synthetic", synthetic.contains(p));
                Limits l = config.providerLimits().getOrDefault(p, config.defaultLimits());
                g.writeObjectFieldStart("limits");
                g.writeNumberField("concurrency", l.maxConcurrency());
                g.writeNumberField("rpm", l.requestsPerMinute());
                g.writeNumberField("tpm", l.tokensPerMinute());
                g.writeEndObject();
                RateLimitInfo r = reported.get(p);
                if (r != null) {
                  g.writeObjectFieldStart("remaining");
                  number(g, "requests", r.requestsRemaining());
                  number(g, "tokens", r.tokensRemaining());
                  number(g, "input_tokens", r.inputTokensRemaining());
                  number(g, "output_tokens", r.outputTokensRemaining());
                  if (r.requestsReset() != null) {
                    g.writeStringField("requests_reset", r.requestsReset().toString());
                  }
                  g.writeEndObject();
                }
                g.writeObjectFieldStart("breakers");
                for (var e : breakers.entrySet()) {
                  if (e.getKey().startsWith(p + ":")) {
                    g.writeStringField(
                        e.getKey(), e.getValue().name().toLowerCase(java.util.Locale.ROOT));
                  }
                }
                g.writeEndObject();
                g.writeEndObject();
              }
              g.writeEndObject();
              g.writeEndObject();
            }));
  }

  private static void number(JsonGenerator g, String name, Long v) throws IOException {
    if (v != null) {
      g.writeNumberField(name, v);
    }
  }
}
