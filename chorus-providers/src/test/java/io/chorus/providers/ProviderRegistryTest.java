package io.chorus.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.CallContext;
import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.Provider;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ProviderRegistryTest {
  static final String ANTHROPIC_KEY = "sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAAAA-wxyz";
  static final String OPENAI_KEY = "sk-proj-BBBBBBBBBBBBBBBBBBBBBBBBBBBB-abcd";
  static final String XAI_KEY = "xai-CCCCCCCCCCCCCCCCCCCCCCCCCCCC-efgh";

  @Test
  void buildsEveryProviderTheEnvironmentConfigures() {
    Map<String, String> env =
        Map.of(
            "ANTHROPIC_API_KEY", ANTHROPIC_KEY,
            "ANTHROPIC_BASE_URL", "http://127.0.0.1:9001",
            "OPENAI_API_KEY", OPENAI_KEY,
            "XAI_API_KEY", XAI_KEY,
            "OLLAMA_HOST", "127.0.0.1:11500",
            "VLLM_BASE_URL", "http://127.0.0.1:8000",
            "LLAMACPP_BASE_URL", "http://127.0.0.1:8080/v1");
    try (ProviderRegistry registry = ProviderRegistry.fromEnvironment(env)) {
      assertThat(registry.configured())
          .containsExactlyInAnyOrder("anthropic", "openai", "xai", "ollama", "vllm", "llamacpp");
      assertThat(base(registry, "anthropic")).isEqualTo("http://127.0.0.1:9001/");
      assertThat(base(registry, "openai")).isEqualTo("https://api.openai.com/v1");
      assertThat(base(registry, "xai")).isEqualTo("https://api.x.ai/v1");
      assertThat(base(registry, "ollama")).isEqualTo("http://127.0.0.1:11500/v1");
      assertThat(base(registry, "vllm")).isEqualTo("http://127.0.0.1:8000/v1");
      assertThat(base(registry, "llamacpp")).isEqualTo("http://127.0.0.1:8080/v1");
      assertThat(registry.forModel(ModelId.parse("xai:grok-4")).name()).isEqualTo("xai");
      assertThat(registry.forModel(ModelId.parse("ollama:llama3.2:1b")).name()).isEqualTo("ollama");
      assertThat(registry.hasUserConfiguredProvider()).isTrue();
      String described =
          registry.describe()
              + registry.statuses()
              + registry
              + registry.find("openai").orElseThrow();
      assertThat(described)
          .doesNotContain(ANTHROPIC_KEY, OPENAI_KEY, XAI_KEY)
          .contains("sk-…wxyz")
          .contains("ANTHROPIC_API_KEY");
      assertThat(registry.find("sim")).isEmpty();
    }
  }

  private static String base(ProviderRegistry registry, String name) {
    return registry.statuses().stream()
        .filter(s -> s.name().equals(name))
        .findFirst()
        .orElseThrow()
        .baseUrl();
  }

  @Test
  void missingKeysSayWhichVariableToSet() {
    Map<String, String> env = new HashMap<>();
    env.put("ANTHROPIC_API_KEY", "   "); // blank counts as unset
    try (ProviderRegistry registry = ProviderRegistry.fromEnvironment(env)) {
      assertThat(registry.configured()).containsExactly("ollama");
      assertThat(registry.hasUserConfiguredProvider()).isFalse();
      assertThatThrownBy(() -> registry.forModel(ModelId.parse("anthropic:claude-sonnet-4-5")))
          .isInstanceOf(ProviderNotConfiguredException.class)
          .hasMessageContaining("set ANTHROPIC_API_KEY")
          .hasMessageContaining("ANTHROPIC_BASE_URL");
      assertThatThrownBy(() -> registry.require("openai")).hasMessageContaining("OPENAI_API_KEY");
      assertThatThrownBy(() -> registry.require("xai")).hasMessageContaining("XAI_API_KEY");
      assertThatThrownBy(() -> registry.require("vllm")).hasMessageContaining("VLLM_BASE_URL");
      assertThatThrownBy(() -> registry.require("llamacpp"))
          .hasMessageContaining("LLAMACPP_BASE_URL");
      assertThatThrownBy(() -> registry.require("sim")).hasMessageContaining("chorus sim");
      assertThatThrownBy(() -> registry.require("mistral"))
          .isInstanceOf(ProviderNotConfiguredException.class)
          .hasMessageContaining("unknown provider 'mistral'")
          .hasMessageContaining("anthropic, openai, xai, ollama, vllm, llamacpp, sim");
      assertThat(registry.describe()).contains("anthropic missing  set ANTHROPIC_API_KEY");
      assertThat(registry.setupHint())
          .contains(
              "ANTHROPIC_API_KEY",
              "OPENAI_API_KEY",
              "XAI_API_KEY",
              "OLLAMA_HOST",
              "CHORUS_SIM_URL");
    }
  }

  @Test
  void anExplicitOllamaHostCountsAsConfiguredButTheDefaultDoesNot() {
    try (ProviderRegistry registry =
        ProviderRegistry.fromEnvironment(Map.of("OLLAMA_HOST", "127.0.0.1:11434"))) {
      assertThat(registry.hasUserConfiguredProvider()).isTrue();
    }
    try (ProviderRegistry registry =
        ProviderRegistry.fromEnvironment(Map.of("VLLM_BASE_URL", "http://127.0.0.1:8000"))) {
      assertThat(registry.hasUserConfiguredProvider()).isTrue();
    }
  }

  @Test
  void badUrlsNameTheVariable() {
    assertThatThrownBy(
            () ->
                ProviderRegistry.fromEnvironment(
                    Map.of("OPENAI_API_KEY", OPENAI_KEY, "OPENAI_BASE_URL", "api.openai.com")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("OPENAI_BASE_URL")
        .hasMessageNotContaining(OPENAI_KEY);
    assertThatThrownBy(
            () ->
                ProviderRegistry.fromEnvironment(
                    Map.of("CHORUS_SIM_URL", "http://127.0.0.1:1", "CHORUS_SIM_PROTOCOL", "grpc")))
        .hasMessageContaining("CHORUS_SIM_PROTOCOL");
  }

  @ParameterizedTest
  @CsvSource({
    "localhost, http://localhost:11434",
    "0.0.0.0, http://0.0.0.0:11434",
    "127.0.0.1:9999, http://127.0.0.1:9999",
    "http://ollama.internal, http://ollama.internal:80",
    "https://ollama.example.com, https://ollama.example.com:443",
    "http://10.0.0.5:11434/, http://10.0.0.5:11434/",
    "[::1]:11434, http://[::1]:11434",
    "[::1], http://[::1]:11434",
  })
  void ollamaHostFormats(String host, String url) {
    try (ProviderRegistry registry =
        ProviderRegistry.fromEnvironment(Map.of("OLLAMA_HOST", host))) {
      String expected = url.endsWith("/") ? url + "v1" : url + "/v1";
      assertThat(base(registry, "ollama")).isEqualTo(okhttp3.HttpUrl.get(expected).toString());
    }
  }

  @Test
  void simulatorProviderIsSyntheticAndLabelsItsAnswers() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          Sse.json(
                  200,
                  "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"synthetic hi\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2}}")
              .build());
      String root = "http://127.0.0.1:" + server.getPort();
      try (ProviderRegistry registry =
          ProviderRegistry.builder().simulator(root, WireFormat.OPENAI).build()) {
        Provider sim = registry.require("sim");
        assertThat(sim.synthetic()).isTrue();
        ChatResponse r =
            sim.call(
                ChatRequest.of("sim:fast", "hi"), CallContext.standalone(Duration.ofSeconds(10)));
        assertThat(r.synthetic()).isTrue();
        assertThat(r.text()).isEqualTo("synthetic hi");
        assertThat(r.model().toString()).isEqualTo("sim:fast");
        assertThat(registry.hasUserConfiguredProvider()).isFalse();
      }
      RecordedRequest sent = server.takeRequest();
      assertThat(sent.getUrl().encodedPath()).isEqualTo("/v1/chat/completions");
      assertThat(sent.getHeaders().get("authorization")).isEqualTo("Bearer chorus-sim-key");
      assertThat(sent.getBody().utf8()).contains("\"model\":\"fast\"").contains("\"max_tokens\"");
    }
  }

  @Test
  void simulatorFromEnvironmentWithAnthropicProtocol() throws Exception {
    try (MockWebServer server = new MockWebServer()) {
      server.start();
      server.enqueue(
          Sse.json(
                  200,
                  "{\"content\":[{\"type\":\"text\",\"text\":\"ok\"}],\"stop_reason\":\"end_turn\",\"usage\":{\"input_tokens\":1,\"output_tokens\":1}}")
              .build());
      Map<String, String> env =
          Map.of(
              "CHORUS_SIM_URL",
              "http://127.0.0.1:" + server.getPort(),
              "CHORUS_SIM_PROTOCOL",
              "anthropic");
      try (ProviderRegistry registry = ProviderRegistry.fromEnvironment(env)) {
        ChatResponse r =
            registry
                .require("sim")
                .call(
                    ChatRequest.of("sim:fast", "hi"),
                    CallContext.standalone(Duration.ofSeconds(10)));
        assertThat(r.synthetic()).isTrue();
      }
      assertThat(server.takeRequest().getUrl().encodedPath()).isEqualTo("/v1/messages");
    }
  }

  @Test
  void providersAddedInCodeReplaceEnvironmentOnes() {
    try (HttpTransport transport = HttpTransport.create()) {
      OpenAiCompatibleProvider custom =
          OpenAiCompatibleProvider.builder()
              .name("openai")
              .baseUrl("http://127.0.0.1:1/v1")
              .transport(transport)
              .build();
      try (ProviderRegistry registry =
          ProviderRegistry.builder()
              .environment(Map.of("OPENAI_API_KEY", OPENAI_KEY))
              .transport(transport)
              .add(custom)
              .build()) {
        assertThat(registry.require("openai")).isSameAs(custom);
      }
    }
  }
}
