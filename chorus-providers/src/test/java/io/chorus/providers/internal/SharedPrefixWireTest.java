package io.chorus.providers.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.core.ChatRequest;
import io.chorus.core.SharedPrefix;
import org.junit.jupiter.api.Test;

class SharedPrefixWireTest {
  static final ObjectMapper JSON = new ObjectMapper();

  static ChatRequest request(String model, int chars) {
    return ChatRequest.builder(model)
        .system("SYS")
        .user("DOCUMENT question")
        .sharedPrefix(new SharedPrefix(chars, "chorus-abc"))
        .build();
  }

  @Test
  void anthropicSplitsThePartWhereThePrefixEndsAndMarksTheFirstHalf() throws Exception {
    JsonNode body = JSON.readTree(AnthropicWire.body(request("anthropic:m", 3 + 9), false));
    assertThat(body.path("system").asText()).isEqualTo("SYS");
    JsonNode content = body.path("messages").path(0).path("content");
    assertThat(content.path(0).path("text").asText()).isEqualTo("DOCUMENT ");
    assertThat(content.path(0).path("cache_control").path("type").asText()).isEqualTo("ephemeral");
    assertThat(content.path(1).path("text").asText()).isEqualTo("question");
    assertThat(content.path(1).has("cache_control")).isFalse();

    JsonNode inSystem = JSON.readTree(AnthropicWire.body(request("anthropic:m", 3), false));
    assertThat(inSystem.path("system").path(0).path("text").asText()).isEqualTo("SYS");
    assertThat(inSystem.path("system").path(0).has("cache_control")).isTrue();
    assertThat(inSystem.path("messages").path(0).path("content").asText())
        .isEqualTo("DOCUMENT question");
  }

  @Test
  void openAiSendsThePrefixKeyAsPromptCacheKeyAndThePromptUnchanged() throws Exception {
    JsonNode body =
        JSON.readTree(OpenAiWire.body(request("openai:m", 12), false, "max_completion_tokens"));
    assertThat(body.path("prompt_cache_key").asText()).isEqualTo("chorus-abc");
    assertThat(body.path("messages").path(1).path("content").asText())
        .isEqualTo("DOCUMENT question");
  }
}
