package io.chorus.gateway.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.ChatResponse;

/** One client protocol: how a request reads, and how answers, streams and errors are written. */
public interface Protocol {

  /** The provider a bare model name belongs to on this protocol. */
  String home();

  /** Reads a request body; throws {@link GatewayException} naming the field at fault. */
  Parsed parse(JsonNode body, ModelRoutes routes);

  /** The error body in this protocol's shape. */
  String errorJson(ApiError error);

  /** The whole answer of a non-streaming request. */
  String answer(Parsed p, String id, ChatResponse response, Extension ext);

  /** The frames before the first text delta. */
  void streamStart(Sse out, Parsed p, String id);

  /** One text delta. */
  void streamText(Sse out, Parsed p, String id, String delta);

  /** The frames after the last delta. */
  void streamEnd(Sse out, Parsed p, String id, ChatResponse response, Extension ext);

  /** A failure after the stream started (the status line is already sent). */
  void streamError(Sse out, ApiError error);
}
