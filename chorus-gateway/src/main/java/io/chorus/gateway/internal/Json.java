package io.chorus.gateway.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;

/** The gateway's one JSON factory and mapper, and small writing helpers. */
public final class Json {

  /** Request bodies are bounded by the gateway's own limit before they reach the parser. */
  static final JsonFactory FACTORY =
      JsonFactory.builder()
          .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build())
          .build();

  static final ObjectMapper MAPPER = new ObjectMapper(FACTORY);

  private Json() {}

  /** Writes with {@code body} into a string. */
  public static String write(Body body) {
    StringWriter w = new StringWriter(256);
    try (JsonGenerator g = FACTORY.createGenerator(w)) {
      body.write(g);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  /**
   * Parses a request body; malformed JSON throws {@link GatewayException} with a 400 in the
   * protocol's shape.
   */
  static JsonNode parse(byte[] body) {
    try {
      JsonNode n = MAPPER.readTree(body);
      if (n == null || n.isMissingNode()) {
        throw new GatewayException(
            ApiError.malformedJson("The request body is empty; expected a JSON object"));
      }
      if (!n.isObject()) {
        throw new GatewayException(
            ApiError.malformedJson("The request body must be a JSON object"));
      }
      return n;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      var loc = e.getLocation();
      throw new GatewayException(
          ApiError.malformedJson(
              "The request body is not valid JSON"
                  + (loc == null
                      ? ""
                      : " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")")
                  + ": "
                  + e.getOriginalMessage().lines().findFirst().orElse("")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Something that writes one JSON value. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator g) throws IOException;
  }
}
