package io.chorus.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.config.ChorusConfig;
import io.chorus.config.ConfigException;
import io.chorus.config.ConfigLoader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** {@code chorus.*} properties in every relaxed form become chorus.yaml's tree and config. */
class ChorusPropertiesTest {

  private static StandardEnvironment env(Map<String, Object> props) {
    StandardEnvironment env = new StandardEnvironment();
    // the build's own -Dchorus.api.update flag is not Chorus config
    env.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
    env.getPropertySources().addFirst(new MapPropertySource("test", props));
    return env;
  }

  @Test
  void kebabCamelAndSnakeKeysIndexesAndQuotedMapKeysBindAsInChorusYaml() {
    StandardEnvironment env =
        env(
            Map.of(
                "chorus.defaults.failure-policy", "quorum:2",
                "chorus.defaults.retries", "3",
                "chorus.budget.maxCost", "2.5",
                "chorus.providers.openai.base_url", "http://127.0.0.1:9/v1",
                "chorus.providers.openai.limits.rpm", "${rpm:120}",
                "chorus.models[openai:gpt-4.1].limits.tpm", "30000",
                "chorus.defaults.fallback[0]", "sim:fast",
                "chorus.defaults.fallback[1]", "sim:instant",
                "unrelated.key", "x"));
    Map<String, Object> tree = ChorusProperties.tree(env, "chorus");
    assertThat(tree).containsOnlyKeys("defaults", "budget", "providers", "models");
    ChorusConfig c = new ConfigLoader(Map.of()).load(tree, "chorus").config();
    assertThat(c.defaults().failurePolicy()).isEqualTo("quorum:2");
    assertThat(c.defaults().retries()).isEqualTo(3);
    assertThat(c.defaults().fallback()).isEqualTo(List.of("sim:fast", "sim:instant"));
    assertThat(c.budget().maxCost()).isEqualTo(2.5);
    assertThat(c.providers().get("openai").baseUrl()).isEqualTo("http://127.0.0.1:9/v1");
    assertThat(c.providers().get("openai").limits().rpm()).isEqualTo(120.0);
    assertThat(c.models().get("openai:gpt-4.1").limits().tpm()).isEqualTo(30000.0);
  }

  @Test
  void aBadValueNamesItsPropertyKey() {
    StandardEnvironment env = env(Map.of("chorus.providers.openai.limits.rpm", "lots"));
    assertThatThrownBy(
            () -> new ConfigLoader(Map.of()).load(ChorusProperties.tree(env, "chorus"), "chorus"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("chorus.providers.openai.limits.rpm");
    StandardEnvironment unknown = env(Map.of("chorus.defaults.retires", "2"));
    assertThatThrownBy(
            () ->
                new ConfigLoader(Map.of()).load(ChorusProperties.tree(unknown, "chorus"), "chorus"))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("retires");
  }

  @Test
  void segmentsKeepDotsInsideBrackets() {
    assertThat(ChorusProperties.snake("maxCost")).isEqualTo("max_cost");
    assertThat(ChorusProperties.snake("max-cost")).isEqualTo("max_cost");
    assertThat(ChorusProperties.segments("models[openai:gpt-4.1].hedge"))
        .containsExactly("models", "\u0000openai:gpt-4.1", "hedge");
  }
}
