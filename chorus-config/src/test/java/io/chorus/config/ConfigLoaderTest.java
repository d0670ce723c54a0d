package io.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.Limits;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

  @TempDir Path dir;

  private Path write(String name, String text) throws Exception {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
    return p;
  }

  @Test
  void projectFileWinsOverUserFileAndMapsMerge() throws Exception {
    Path user =
        write(
            "home/.config/chorus/chorus.yaml",
            """
        providers:
          anthropic: {api_key_env: MY_ANTHROPIC_KEY, limits: {concurrency: 4, rpm: 50}}
          openai: {base_url: https://example.test/v1}
        defaults: {model: anthropic:claude-sonnet-4-5, retries: 5}
        """);
    write(
        "project/chorus.yaml",
        """
        providers:
          anthropic: {limits: {concurrency: 8}}
        models:
          "openai:gpt-4o-mini": {price: {input: 0.15, output: 0.6}, limits: {tpm: 1000}}
        defaults: {model: sim:fast}
        """);
    ConfigLoader loader = new ConfigLoader(Map.of("MY_ANTHROPIC_KEY", "sk-secret"));
    LoadedConfig l = loader.load(user, dir.resolve("project"), null);
    ChorusConfig c = l.config();
    assertThat(l.files()).hasSize(2);
    assertThat(c.defaults().model()).isEqualTo("sim:fast");
    assertThat(c.defaults().retries()).isEqualTo(5);
    assertThat(c.providers().get("anthropic").limits().toLimits())
        .isEqualTo(new Limits(8, 50, 0)); // maps merge key by key
    assertThat(c.providers().get("anthropic").apiKeyEnv()).isEqualTo("MY_ANTHROPIC_KEY");
    assertThat(c.providers().get("openai").baseUrl()).isEqualTo("https://example.test/v1");
    assertThat(c.apiKey("anthropic", l.env())).contains("sk-secret");
    assertThat(c.models().get("openai:gpt-4o-mini").price().toPrice().inputPerMillion())
        .isEqualTo(0.15);
  }

  @Test
  void environmentOverridesFiles() throws Exception {
    write(
        "chorus.yaml",
        "defaults: {model: sim:fast, retries: 1}\nproviders: {anthropic: {base_url: https://a.test}}\n");
    ConfigLoader loader =
        new ConfigLoader(
            Map.of(
                "CHORUS_MODEL",
                "openai:gpt-4o",
                "CHORUS_RETRIES",
                "3",
                "ANTHROPIC_BASE_URL",
                "http://127.0.0.1:9999",
                "OLLAMA_HOST",
                "127.0.0.1:11434"));
    LoadedConfig l = loader.load(null, dir, null);
    assertThat(l.config().defaults().model()).isEqualTo("openai:gpt-4o");
    assertThat(l.config().defaults().retries()).isEqualTo(3);
    assertThat(l.config().baseUrl("anthropic")).contains("http://127.0.0.1:9999");
    assertThat(l.config().baseUrl("ollama")).contains("http://127.0.0.1:11434");
    assertThat(l.environmentOverrides())
        .contains("CHORUS_MODEL", "CHORUS_RETRIES", "ANTHROPIC_BASE_URL");
  }

  @Test
  void aBadEnvironmentValueNamesTheVariable() {
    ConfigLoader loader = new ConfigLoader(Map.of("CHORUS_RETRIES", "many"));
    assertThatThrownBy(() -> loader.load(null, dir, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("CHORUS_RETRIES");
    ConfigLoader policy = new ConfigLoader(Map.of("CHORUS_FAILURE_POLICY", "sometimes"));
    assertThatThrownBy(() -> policy.load(null, dir, null))
        .hasMessageContaining("CHORUS_FAILURE_POLICY")
        .hasMessageContaining("unknown failure policy");
  }

  @Test
  void anUnknownKeyNamesFileLineAndKey() throws Exception {
    Path f =
        write(
            "chorus.yaml",
            """
        defaults:
          model: sim:fast
        providers:
          openai:
            base_ulr: http://x
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, dir, null))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ":5: providers.openai")
        .hasMessageContaining("unknown key 'base_ulr'")
        .hasMessageContaining("base_url");
  }

  @Test
  void aBadValueNamesItsLine() throws Exception {
    write(
        "chorus.yaml",
        """
        models:
          "anthropic:claude-sonnet-4-5":
            limits:
              concurrency: 2
              tpm: lots
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, dir, null))
        .hasMessageContaining("chorus.yaml:5:")
        .hasMessageContaining("models.anthropic:claude-sonnet-4-5.limits.tpm");
  }

  @Test
  void aBadDurationNamesTheTimeout() throws Exception {
    write("chorus.yaml", "defaults:\n  timeouts:\n    attempt: soon\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, dir, null))
        .hasMessageContaining("chorus.yaml:3:")
        .hasMessageContaining("attempt: 'soon' is not a duration");
  }

  @Test
  void invalidYamlGivesTheLine() throws Exception {
    write("chorus.yaml", "defaults:\n  model: sim:fast\n   retries: [1\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, dir, null))
        .hasMessageContaining("chorus.yaml:")
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void aModelNameWithoutProviderIsRejected() throws Exception {
    write("chorus.yaml", "defaults:\n  model: gpt-4o\n");
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, dir, null))
        .hasMessageContaining("chorus.yaml:2:")
        .hasMessageContaining("provider:model");
  }

  @Test
  void anEmptyFileIsAnEmptyConfig() throws Exception {
    write("chorus.yaml", "");
    assertThat(new ConfigLoader(Map.of()).load(null, dir, null).config().providers()).isEmpty();
  }

  @Test
  void userFileFollowsXdg() {
    assertThat(new ConfigLoader(Map.of("XDG_CONFIG_HOME", "/x")).userFile(Path.of("/home/u")))
        .isEqualTo(Path.of("/x/chorus/chorus.yaml"));
    assertThat(new ConfigLoader(Map.of()).userFile(Path.of("/home/u")))
        .isEqualTo(Path.of("/home/u/.config/chorus/chorus.yaml"));
  }

  @Test
  void timeoutsApplyOverDefaults() {
    var t =
        new TimeoutSettings("2m", null, "5s", "30s", null).apply(io.chorus.core.Timeouts.DEFAULT);
    assertThat(t.attempt()).isEqualTo(Duration.ofMinutes(2));
    assertThat(t.firstToken()).isEqualTo(Duration.ofSeconds(5));
    assertThat(t.idle()).isEqualTo(Duration.ofSeconds(30));
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("PT1S")).isEqualTo(Duration.ofSeconds(1));
  }

  @Test
  void configShowRedactsKeys() throws Exception {
    write("chorus.yaml", "providers:\n  openai: {api_key: sk-live-SECRET123}\n");
    LoadedConfig l =
        new ConfigLoader(Map.of("ANTHROPIC_API_KEY", "sk-ant-SECRET456")).load(null, dir, null);
    String yaml = ConfigView.toYaml(l);
    String json = ConfigView.toJson(l);
    for (String s : new String[] {yaml, json, l.toString(), l.config().toString()}) {
      assertThat(s).doesNotContain("SECRET123").doesNotContain("SECRET456");
    }
    assertThat(yaml)
        .contains("api_key: <redacted>")
        .contains("anthropic: set from $ANTHROPIC_API_KEY (<redacted>)")
        .contains("openai: set in a config file")
        .contains("xai: not set ($XAI_API_KEY)");
  }

  @Test
  void otelNamesTheOtlpEndpointAndABadOneNamesFileLineAndKey() throws Exception {
    write(
        "project/chorus.yaml",
        """
        otel:
          endpoint: http://127.0.0.1:4318
          headers: {x-team: ops}
        """);
    ChorusConfig c =
        new ConfigLoader(Map.of())
            .load(dir.resolve("none.yaml"), dir.resolve("project"), null)
            .config();
    assertThat(c.otel().endpoint()).isEqualTo("http://127.0.0.1:4318");
    assertThat(c.otel().headers()).containsEntry("x-team", "ops");
    assertThat(ChorusConfig.EMPTY.otel().endpoint()).isNull();
    write(
        "bad/chorus.yaml",
        """
        defaults: {model: sim:fast}
        otel:
          endpoint: 127.0.0.1:4318
        """);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of()).load(dir.resolve("none.yaml"), dir.resolve("bad"), null))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chorus.yaml:3: otel.endpoint: expected an http:// or https:// URL");
  }
}
