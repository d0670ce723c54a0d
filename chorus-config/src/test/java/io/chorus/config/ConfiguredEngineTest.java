package io.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.ModelId;
import io.chorus.core.Usage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfiguredEngineTest {

  @TempDir Path dir;

  private LoadedConfig load(String yaml, Map<String, String> env) throws Exception {
    Files.writeString(dir.resolve("chorus.yaml"), yaml);
    return new ConfigLoader(env).load(null, dir, null);
  }

  @Test
  void limitsPricesRetriesAndTimeoutsComeFromTheConfig() throws Exception {
    LoadedConfig l =
        load(
            """
        providers:
          anthropic: {limits: {concurrency: 4, rpm: 60}}
        models:
          "anthropic:claude-sonnet-4-5": {limits: {tpm: 1000}, price: {input: 1, output: 2}}
        defaults: {retries: 7, concurrency: 9, timeouts: {attempt: 90s, idle: 5s}}
        """,
            Map.of());
    Engine.Builder b = Engine.builder();
    ConfiguredEngine.configure(b, l.config());
    var c = b.toConfig();
    assertThat(c.providerLimits().get("anthropic")).isEqualTo(new Limits(4, 60, 0));
    assertThat(c.modelLimits().get(ModelId.parse("anthropic:claude-sonnet-4-5")))
        .isEqualTo(new Limits(0, 0, 1000));
    assertThat(c.defaultLimits()).isEqualTo(Limits.concurrency(9));
    assertThat(c.retry().maxRetries()).isEqualTo(7);
    assertThat(c.timeouts().attempt()).isEqualTo(Duration.ofSeconds(90));
    assertThat(c.timeouts().idle()).isEqualTo(Duration.ofSeconds(5));
    assertThat(
            c.prices()
                .cost(ModelId.parse("anthropic:claude-sonnet-4-5"), Usage.of(1_000_000, 1_000_000)))
        .isEqualTo(3.0);
    // defaults stay for models not configured
    assertThat(c.prices().cost(ModelId.parse("anthropic:claude-opus-4-1"), Usage.of(1_000_000, 0)))
        .isEqualTo(15.0);
  }

  @Test
  void gpt5HasADefaultPriceThatChorusYamlOverrides() throws Exception {
    ModelId gpt5 = ModelId.parse("openai:gpt-5");
    Usage u = new Usage(1_000_000, 1_000_000, 0, 1_000_000);
    assertThat(ConfiguredEngine.prices(load("{}\n", Map.of()).config()).cost(gpt5, u))
        .isEqualTo(1.25 + 10 + 0.125);
    LoadedConfig l =
        load(
            """
        models:
          "openai:gpt-5": {price: {input: 2, output: 12, cache_read: 0.2}}
        """,
            Map.of());
    assertThat(ConfiguredEngine.prices(l.config()).cost(gpt5, u)).isEqualTo(2 + 12 + 0.2);
    // the override is for that model only: gpt-5-mini keeps its default row
    assertThat(
            ConfiguredEngine.prices(l.config())
                .cost(ModelId.parse("openai:gpt-5-mini"), Usage.of(1_000_000, 0)))
        .isEqualTo(0.25);
  }

  @Test
  void keysAndBaseUrlsFromConfigFilesReachTheProviderRegistry() throws Exception {
    LoadedConfig l =
        load(
            """
        providers:
          openai: {api_key_env: MY_OPENAI, base_url: http://127.0.0.1:9/v1}
          xai: {api_key: xai-file-key}
        """,
            Map.of("MY_OPENAI", "sk-from-my-var"));
    Map<String, String> env = ConfiguredEngine.registryEnvironment(l);
    assertThat(env)
        .containsEntry("OPENAI_API_KEY", "sk-from-my-var")
        .containsEntry("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
        .containsEntry("XAI_API_KEY", "xai-file-key");
  }

  @Test
  void withoutKeysEveryKeyedProviderIsTheSimulatorAndTheNoticeSaysSo() throws Exception {
    LoadedConfig l = load("", Map.of());
    try (ConfiguredEngine s =
        ConfiguredEngine.open(
            l, List.of(ModelId.parse("openai:gpt-4o-mini")), List.of(), b -> {})) {
      assertThat(s.notice()).isEqualTo(ConfiguredEngine.NO_KEY_NOTICE);
      assertThat(s.synthetic()).isTrue();
      assertThat(s.simulator()).isNotNull();
      assertThat(s.providerNames()).contains("openai", "anthropic", "xai");
      var out = s.engine().call(io.chorus.core.ChatRequest.of("anthropic:claude-haiku-4-5", "hi"));
      assertThat(out.isSuccess()).isTrue();
      assertThat(out.optionalValue().orElseThrow().synthetic()).isTrue();
    }
  }

  @Test
  void aConfiguredKeyMeansNoSimulatorAndNoNotice() throws Exception {
    LoadedConfig l = load("", Map.of("ANTHROPIC_API_KEY", "sk-real"));
    try (ConfiguredEngine s =
        ConfiguredEngine.open(
            l, List.of(ModelId.parse("anthropic:claude-sonnet-4-5")), List.of(), b -> {})) {
      assertThat(s.notice()).isNull();
      assertThat(s.simulator()).isNull();
      assertThat(s.synthetic()).isFalse();
    }
    assertThat(ConfiguredEngine.defaultModel(l))
        .isEqualTo(ModelId.parse("anthropic:claude-sonnet-4-5"));
  }

  /** Regression: with one key set, the notice said "No provider key configured" all the same. */
  @Test
  void withSomeKeysTheNoticeNamesOnlyTheProvidersWithout() throws Exception {
    LoadedConfig l = load("", Map.of("OPENAI_API_KEY", "sk-real"));
    try (ConfiguredEngine s =
        ConfiguredEngine.open(
            l,
            List.of(
                ModelId.parse("openai:gpt-4o-mini"),
                ModelId.parse("anthropic:claude-sonnet-4-5"),
                ModelId.parse("xai:grok-4")),
            List.of(),
            b -> {})) {
      assertThat(s.notice())
          .isEqualTo(
              "No key for anthropic, xai (set ANTHROPIC_API_KEY, XAI_API_KEY); their models use"
                  + " the built-in simulator \u2014 those answers are synthetic.")
          .doesNotContain("No provider key configured");
      assertThat(s.synthetic()).isFalse();
    }
  }

  /**
   * Regression: a provider's base URL pointed at {@code chorus sim} gave answers marked real; the
   * simulator's {@code x-chorus-synthetic} header now labels them.
   */
  @Test
  void answersFromASimulatorBehindAProvidersBaseUrlAreSynthetic() throws Exception {
    try (io.chorus.sim.Simulator sim = io.chorus.sim.Simulator.builder().port(0).start()) {
      LoadedConfig l =
          load("", Map.of("OPENAI_API_KEY", "sk-test", "OPENAI_BASE_URL", sim.baseUrl() + "/v1"));
      try (ConfiguredEngine s =
          ConfiguredEngine.open(
              l, List.of(ModelId.parse("openai:gpt-4o-mini")), List.of(), b -> {})) {
        assertThat(s.notice()).isNull();
        var out = s.engine().call(io.chorus.core.ChatRequest.of("openai:gpt-4o-mini", "hi"));
        assertThat(out.isSuccess()).as(out.toString()).isTrue();
        assertThat(out.optionalValue().orElseThrow().synthetic()).isTrue();
        assertThat(out.synthetic()).isTrue();
      }
    }
  }

  @Test
  void anUnknownProviderIsAUsageError() throws Exception {
    LoadedConfig l = load("", Map.of());
    assertThatThrownBy(
            () -> ConfiguredEngine.open(l, List.of(ModelId.parse("bogus:x")), List.of(), b -> {}))
        .isInstanceOf(UnknownProviderException.class)
        .hasMessageContaining("unknown provider 'bogus'");
  }
}
