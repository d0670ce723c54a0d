package io.chorus.sim.internal;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML value with the line it came from, so config errors can name file, line and key. Jackson's
 * tree model drops locations, hence this small reader over its streaming parser.
 *
 * @param value a {@code Map<String, YamlNode>}, a {@code List<YamlNode>}, a String, or null
 * @param line the 1-based line of the value (for map entries: of the key)
 */
public record YamlNode(Object value, int line) {

  /** Thrown with a message already naming source and line. */
  public static final class Error extends IllegalArgumentException {
    public Error(String message) {
      super(message);
    }
  }

  /** Parses a YAML document; syntax errors and duplicate keys name {@code source}:line. */
  public static YamlNode parse(String yaml, String source) {
    try (JsonParser p = new YAMLFactory().createParser(yaml)) {
      JsonToken t = p.nextToken();
      if (t == null) {
        return new YamlNode(new LinkedHashMap<String, YamlNode>(), 1);
      }
      return read(p, source);
    } catch (JacksonException e) {
      var loc = e.getLocation();
      throw new Error(
          source
              + ":"
              + (loc == null ? "?" : loc.getLineNr() + ":" + loc.getColumnNr())
              + ": YAML syntax error: "
              + e.getOriginalMessage());
    } catch (IOException e) {
      throw new Error(source + ": cannot read: " + e.getMessage());
    }
  }

  private static YamlNode read(JsonParser p, String source) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, YamlNode> map = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          p.nextToken();
          YamlNode child = read(p, source);
          if (map.containsKey(key)) {
            throw new Error(source + ":" + keyLine + ": duplicate key '" + key + "'");
          }
          map.put(key, new YamlNode(child.value(), keyLine));
        }
        return new YamlNode(map, line);
      }
      case START_ARRAY -> {
        List<YamlNode> list = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) {
          list.add(read(p, source));
        }
        return new YamlNode(list, line);
      }
      case VALUE_NULL -> {
        return new YamlNode(null, line);
      }
      default -> {
        return new YamlNode(p.getText(), line);
      }
    }
  }
}
