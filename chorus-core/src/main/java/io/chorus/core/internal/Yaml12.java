package io.chorus.core.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonTokenId;
import com.fasterxml.jackson.core.util.JsonParserDelegate;
import java.io.IOException;

/**
 * Reads user YAML with YAML 1.2's booleans: only {@code true} and {@code false} (any case) are
 * booleans; YAML 1.1's {@code yes}, {@code no}, {@code on}, {@code off}, which the YAML parser
 * under Jackson still reports as booleans, stay the strings the user wrote (vote options {@code
 * [yes, no]} became {@code true/false}). Every reader of user YAML wraps its parser with {@link
 * #booleans(JsonParser)}: one rule for every file.
 */
public final class Yaml12 {
  private Yaml12() {}

  /** {@code p} with YAML 1.1-only booleans turned back into strings. */
  public static JsonParser booleans(JsonParser p) {
    return new JsonParserDelegate(p) {
      private JsonToken current;

      @Override
      public JsonToken nextToken() throws IOException {
        current = fix(delegate.nextToken());
        return current;
      }

      @Override
      public JsonToken nextValue() throws IOException {
        current = fix(delegate.nextValue());
        return current;
      }

      private JsonToken fix(JsonToken t) throws IOException {
        if ((t == JsonToken.VALUE_TRUE || t == JsonToken.VALUE_FALSE)
            && !isYaml12Boolean(delegate.getText())) {
          return JsonToken.VALUE_STRING;
        }
        return t;
      }

      @Override
      public JsonToken currentToken() {
        return current;
      }

      @Override
      @SuppressWarnings("deprecation")
      public JsonToken getCurrentToken() {
        return current;
      }

      @Override
      public int currentTokenId() {
        return current == null ? JsonTokenId.ID_NO_TOKEN : current.id();
      }

      @Override
      @SuppressWarnings("deprecation")
      public int getCurrentTokenId() {
        return currentTokenId();
      }

      @Override
      public boolean hasCurrentToken() {
        return current != null;
      }

      @Override
      public boolean hasTokenId(int id) {
        return currentTokenId() == id;
      }

      @Override
      public boolean hasToken(JsonToken t) {
        return current == t;
      }

      @Override
      public boolean isExpectedStartArrayToken() {
        return current == JsonToken.START_ARRAY;
      }

      @Override
      public boolean isExpectedStartObjectToken() {
        return current == JsonToken.START_OBJECT;
      }

      @Override
      public String getValueAsString() throws IOException {
        return current == JsonToken.VALUE_STRING ? delegate.getText() : delegate.getValueAsString();
      }

      @Override
      public String getValueAsString(String defaultValue) throws IOException {
        return current == JsonToken.VALUE_STRING
            ? delegate.getText()
            : delegate.getValueAsString(defaultValue);
      }

      @Override
      public JsonParser skipChildren() throws IOException {
        delegate.skipChildren();
        current = delegate.currentToken();
        return this;
      }
    };
  }

  /** Whether a plain scalar is a boolean under YAML 1.2's core schema. */
  public static boolean isYaml12Boolean(String text) {
    return "true".equalsIgnoreCase(text) || "false".equalsIgnoreCase(text);
  }
}
