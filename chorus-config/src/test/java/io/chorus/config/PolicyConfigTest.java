package io.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.CircuitBreakerPolicy;
import io.chorus.core.Engine;
import io.chorus.core.EngineConfig;
import io.chorus.core.FallbackChain;
import io.chorus.core.HedgePolicy;
import io.chorus.core.ModelId;
import io.chorus.core.ModelPolicies;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every engine policy in chorus.yaml, per provider and per model, mapped onto the engine; bad
 * values named by file, line and key.
 */
class PolicyConfigTest {

  @TempDir Path dir;

  static final String FULL =
      """
      defaults:
        retries: 1
        retry: {initial_backoff: 250ms, max_retry_after: 20s}
        timeouts: {attempt: 2m, connect: 3s}
        circuit_breaker: {window: 10, minimum_calls: 5}
        hedge: off
        responses: {max_response_bytes: 1000000, max_event_bytes: 50000}
        fallback: [sim:fast]
      providers:
        anthropic:
          retry: {max_retries: 4}
          hedge: p95:10s
          circuit_breaker: off
          timeouts: {idle: 20s}
      models:
        "anthropic:claude-haiku-4-5":
          retry: {max_retries: 0}
          hedge: 2s
          timeouts: {attempt: 30s}
          circuit_breaker: {open_for: 5s}
          fallback: [openai:gpt-4o-mini, sim:fast]
          context_window: 1000
      """;

  LoadedConfig load(String yaml) throws Exception {
    Files.writeString(dir.resolve("chorus.yaml"), yaml);
    return new ConfigLoader(Map.of()).load(null, dir, null);
  }

  @Test
  void everyPolicyResolvesModelOverProviderOverDefaults() throws Exception {
    ChorusConfig c = load(FULL).config();
    ModelPolicies d = ConfiguredEngine.defaultPolicies(c);
    assertThat(d.retry().maxRetries()).isEqualTo(1);
    assertThat(d.retry().initialBackoff()).isEqualTo(Duration.ofMillis(250));
    assertThat(d.retry().maxRetryAfter()).isEqualTo(Duration.ofSeconds(20));
    assertThat(d.timeouts().attempt()).isEqualTo(Duration.ofMinutes(2));
    assertThat(d.circuitBreaker().windowSize()).isEqualTo(10);
    assertThat(d.hedge()).isEqualTo(HedgePolicy.NONE);

    ModelPolicies p = ConfiguredEngine.providerPolicies(c, "anthropic");
    assertThat(p.retry().maxRetries()).isEqualTo(4);
    assertThat(p.retry().initialBackoff()).isEqualTo(Duration.ofMillis(250)); // inherited
    assertThat(p.hedge().quantile()).isEqualTo(0.95);
    assertThat(p.hedge().delay()).isEqualTo(Duration.ofSeconds(10));
    assertThat(p.circuitBreaker()).isEqualTo(CircuitBreakerPolicy.NONE);
    assertThat(p.timeouts().idle()).isEqualTo(Duration.ofSeconds(20));

    ModelId haiku = ModelId.parse("anthropic:claude-haiku-4-5");
    ModelPolicies m = ConfiguredEngine.modelPolicies(c, haiku);
    assertThat(m.retry().maxRetries()).isZero();
    assertThat(m.hedge().delay()).isEqualTo(Duration.ofSeconds(2));
    assertThat(m.timeouts().attempt()).isEqualTo(Duration.ofSeconds(30));
    assertThat(m.timeouts().idle()).isEqualTo(Duration.ofSeconds(20)); // the provider's
    assertThat(m.circuitBreaker().openDuration()).isEqualTo(Duration.ofSeconds(5));

    assertThat(ConfiguredEngine.fallbackFor(c, haiku))
        .isEqualTo(FallbackChain.of("openai:gpt-4o-mini", "sim:fast"));
    assertThat(ConfiguredEngine.fallbackFor(c, ModelId.parse("openai:gpt-4o")))
        .isEqualTo(FallbackChain.of("sim:fast"));
    assertThat(ConfiguredEngine.fallbackFor(c, ModelId.parse("sim:fast")))
        .isNull(); // never its own fallback
    assertThat(ConfiguredEngine.catalog(c).contextWindow(haiku)).contains(1000L);

    // and the engine gets all of it
    Engine.Builder b = Engine.builder();
    ConfiguredEngine.configure(b, c);
    EngineConfig ec = b.toConfig();
    assertThat(ec.policiesFor(haiku)).isEqualTo(m);
    assertThat(ec.policiesFor(ModelId.parse("anthropic:claude-opus-4-5"))).isEqualTo(p);
    assertThat(ec.policiesFor(ModelId.parse("openai:gpt-4o"))).isEqualTo(d);
    assertThat(ec.catalog().contextWindow(haiku)).contains(1000L);
  }

  @Test
  void configShowPrintsWhatEachProviderAndModelResolvesTo() throws Exception {
    String yaml = ConfigView.toYaml(load(FULL));
    assertThat(yaml)
        .contains("effective_defaults:")
        .contains("connect: 3.0s")
        .contains("max_response_bytes: 1000000")
        .contains("max_retry_after: 20.0s")
        .contains("hedge: p95:10.0s")
        .contains("circuit_breaker: \"off\"")
        .doesNotContain("\"off\": true")
        .contains("context_window: 1000")
        .contains("- openai:gpt-4o-mini");
    String builtIn = ConfigView.toYaml(load("{}"));
    assertThat(builtIn)
        .contains("max_retries: 2")
        .contains("connect: 10.0s")
        .contains("hedge: \"off\"")
        .contains("failure_rate: 0.5")
        .contains("max_event_bytes: 4194304");
  }

  @Test
  void badPolicyValuesNameFileLineAndKey() throws Exception {
    String f = dir.resolve("chorus.yaml").toString();
    assertThatThrownBy(() -> load("providers:\n  anthropic:\n    hedge: soon\n"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith(f + ":3: providers.anthropic.hedge")
        .hasMessageContaining("'soon' is not a hedge");
    assertThatThrownBy(() -> load("models:\n  \"sim:fast\":\n    fallback: [nonsense]\n"))
        .hasMessageStartingWith(f + ":3: models.sim:fast.fallback")
        .hasMessageContaining("'nonsense' is not a model");
    assertThatThrownBy(() -> load("defaults:\n  retry:\n    max_retries: lots\n"))
        .hasMessageStartingWith(f + ":3: defaults.retry.max_retries")
        .hasMessageContaining("expected a whole number, was 'lots'")
        .hasMessageNotContaining("java.lang");
    assertThatThrownBy(() -> load("defaults:\n  circuit_breaker:\n    failure_rate: 2\n"))
        .hasMessageStartingWith(f + ":3: defaults.circuit_breaker")
        .hasMessageContaining("failure_rate must be in (0, 1]");
    assertThatThrownBy(() -> load("models:\n  \"sim:fast\":\n    context_window: -5\n"))
        .hasMessageStartingWith(f + ":3: models.sim:fast")
        .hasMessageContaining("context_window must be a positive");
    assertThatThrownBy(() -> load("providers:\n  openai:\n    timeouts: {connect: 1s}\n"))
        .hasMessageContaining("providers.openai")
        .hasMessageContaining("set it under defaults.timeouts");
  }

  @Test
  void aBadEnvironmentValueNamesTheVariableAndTheExpectedType() throws Exception {
    Files.writeString(dir.resolve("chorus.yaml"), "{}");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("CHORUS_RETRIES", "abc")).load(null, dir, null))
        .isInstanceOf(ConfigException.class)
        .hasMessage("environment variable CHORUS_RETRIES: expected a whole number, was 'abc'");
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of("CHORUS_MAX_COST", "five")).load(null, dir, null))
        .hasMessage("environment variable CHORUS_MAX_COST: expected a number, was 'five'");
  }
}
