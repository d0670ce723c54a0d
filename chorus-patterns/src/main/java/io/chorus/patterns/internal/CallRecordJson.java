package io.chorus.patterns.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import io.chorus.core.CallRecord;
import io.chorus.core.CallStatus;
import java.io.IOException;
import java.util.Locale;

/**
 * How a pattern's JSON result writes a {@link CallRecord}: the shape it has always had, {@code
 * {"model", "status", "usage", "costUsd", "elapsedMs", "attempts", "errorKind", "errorMessage",
 * "synthetic"}}, with {@code model} the model that answered (else the one asked), {@code status}
 * spelled {@code succeeded}/{@code failed}/{@code cancelled}/{@code timed_out}/{@code not_run} and
 * {@code attempts} a count. The run trace writes the same record its own way ({@code JsonReport}).
 */
public final class CallRecordJson extends StdSerializer<CallRecord> {

  public CallRecordJson() {
    super(CallRecord.class);
  }

  /** A status as a pattern's JSON spells it. */
  public static String status(CallStatus s) {
    return s.name().toLowerCase(Locale.ROOT);
  }

  @Override
  public void serialize(CallRecord r, JsonGenerator g, SerializerProvider p) throws IOException {
    g.writeStartObject();
    g.writeStringField("model", r.modelShown());
    g.writeStringField("status", status(r.status()));
    p.defaultSerializeField("usage", r.usage(), g);
    g.writeNumberField("costUsd", r.costUsd());
    g.writeNumberField("elapsedMs", r.elapsedMillis());
    g.writeNumberField("attempts", r.attempts().size());
    g.writeStringField("errorKind", r.errorKind());
    g.writeStringField("errorMessage", r.errorMessage());
    g.writeBooleanField("synthetic", r.synthetic());
    g.writeEndObject();
  }

  /** A {@link CallStatus} as a pattern's JSON spells it ({@link #status}). */
  public static final class Status extends StdSerializer<CallStatus> {
    public Status() {
      super(CallStatus.class);
    }

    @Override
    public void serialize(CallStatus s, JsonGenerator g, SerializerProvider p) throws IOException {
      g.writeString(status(s));
    }
  }
}
