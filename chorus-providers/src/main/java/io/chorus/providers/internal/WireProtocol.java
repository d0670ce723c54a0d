package io.chorus.providers.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.core.ChatRequest;
import okhttp3.Headers;
import okhttp3.Request;

/** One chat protocol's encoding: the HTTP request, the JSON answer and the stream events. */
public interface WireProtocol {

  /** The complete HTTP request, credentials included. */
  Request request(ChatRequest request, boolean stream);

  /** Decodes a non-streaming answer. */
  Answer decode(JsonNode root) throws WireException;

  /** A decoder for one stream. */
  StreamDecoder streamDecoder();

  /** The provider's request id header, or null. */
  String requestId(Headers headers);
}
