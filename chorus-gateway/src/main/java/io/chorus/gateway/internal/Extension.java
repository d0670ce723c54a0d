package io.chorus.gateway.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import io.chorus.core.Outcome;
import java.io.IOException;

/**
 * What the gateway adds to an answer, under the {@code chorus} key (SDKs ignore unknown fields):
 * whether it is synthetic (the simulator answered), the engine model, the cost and the attempts;
 * for a workflow, the pattern's own figures.
 */
public interface Extension {

  void write(JsonGenerator g) throws IOException;

  /** Whether the answer came from a synthetic provider. */
  boolean synthetic();

  /** The figures of one engine call. */
  static Extension of(String requestId, Outcome<?> outcome, String model) {
    return new Extension() {
      @Override
      public void write(JsonGenerator g) throws IOException {
        g.writeObjectFieldStart("chorus");
        g.writeStringField("request_id", requestId);
        g.writeBooleanField("synthetic", outcome.synthetic());
        g.writeStringField("model", model);
        var t = outcome.timeline();
        if (t != null) {
          g.writeNumberField("cost_usd", t.costUsd());
          g.writeNumberField("attempts", t.attempts().size());
          g.writeNumberField("retries", t.retries());
        }
        g.writeEndObject();
      }

      @Override
      public boolean synthetic() {
        return outcome.synthetic();
      }
    };
  }
}
