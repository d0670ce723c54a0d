package io.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code gateway:} in chorus.yaml: virtual keys (hashed), workflows, limits; errors name file, line
 * and key.
 */
class GatewaySettingsTest {

  @TempDir Path dir;

  static final String HASH = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

  private LoadedConfig load(String yaml) throws Exception {
    Files.writeString(dir.resolve("chorus.yaml"), yaml);
    return new ConfigLoader(Map.of()).load(null, dir, null);
  }

  @Test
  void keysWorkflowsAndLimitsAreRead() throws Exception {
    GatewaySettings g =
        load("""
        gateway:
          max_body: 1000
          drain_grace: 5s
          keys:
            team-a: {sha256: "SHA256:%s", rpm: 60, max_cost: 2.5, models: ["sim:fast"]}
          workflows:
            moderation: {vote: moderation.voters.yaml}
            duo: {deliberate: ["anthropic:claude-sonnet-4-5", "xai:grok-4"], rounds: 2, converge: 0.8}
        """
                .formatted(HASH.toUpperCase()))
            .config()
            .gateway();
    assertThat(g.maxBody()).isEqualTo(1000);
    assertThat(g.drainGrace(Duration.ZERO)).isEqualTo(Duration.ofSeconds(5));
    assertThat(g.keys().get("team-a").sha256()).isEqualTo(HASH);
    assertThat(g.keys().get("team-a").toString()).doesNotContain(HASH);
    assertThat(g.workflows().get("duo").deliberate()).hasSize(2);
    assertThat(g.workflows().get("moderation").vote()).isEqualTo("moderation.voters.yaml");
  }

  @Test
  void noGatewaySectionMeansNoKeysAndNoWorkflows() throws Exception {
    GatewaySettings g = load("defaults: {model: sim:fast}\n").config().gateway();
    assertThat(g.keys()).isEmpty();
    assertThat(g.workflows()).isEmpty();
  }

  @Test
  void aKeyThatIsNotAHashIsRefusedWithFileLineAndKey() {
    assertThatThrownBy(
            () ->
                load(
                    """
        gateway:
          keys:
            team-a: {sha256: sk-plain-key}
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chorus.yaml:3")
        .hasMessageContaining("sha256");
  }

  @Test
  void aWorkflowNeedsExactlyOneOfVoteAndDeliberate() {
    assertThatThrownBy(
            () ->
                load(
                    """
        gateway:
          workflows:
            both: {vote: a.yaml, deliberate: ["sim:fast", "sim:smart"]}
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("chorus.yaml:3")
        .hasMessageContaining("exactly one");
    assertThatThrownBy(
            () ->
                load(
                    """
        gateway:
          keyz: {}
        """))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("keyz");
  }
}
