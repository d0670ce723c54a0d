package io.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.ChatRequest;
import io.chorus.core.ChatResponse;
import io.chorus.core.ModelId;
import io.chorus.core.Outcome;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ca_file} in chorus.yaml (per provider and top level) and {@code CHORUS_CA_FILE}, against a
 * simulator serving TLS as {@code chorus sim --tls} does: the provider's calls go over HTTPS with
 * the simulator's authority trusted, a provider's own ca_file is trusted for that provider only,
 * and a missing or unreadable file is one error naming file, line and key.
 */
class CaFileTest {
  static final List<ModelId> BOTH =
      List.of(ModelId.parse("anthropic:claude-sonnet-4-5"), ModelId.parse("openai:gpt-4o-mini"));
  static final Map<String, String> KEYS =
      Map.of(
          "ANTHROPIC_API_KEY",
          "sk-ant-tls-0000000000000",
          "OPENAI_API_KEY",
          "sk-tls-000000000000000");

  @TempDir Path dir;
  Simulator sim;

  @BeforeEach
  void start() throws Exception {
    sim = Simulator.builder().tls().start();
    Files.createDirectories(dir.resolve("certs"));
    Files.writeString(dir.resolve("certs/sim-ca.pem"), sim.caCertificatePem());
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private LoadedConfig load(String yaml, Map<String, String> env) throws Exception {
    Files.writeString(dir.resolve("chorus.yaml"), yaml);
    return new ConfigLoader(env).load(null, dir, null);
  }

  private static Outcome<ChatResponse> ask(ConfiguredEngine session, String model) {
    return session.engine().call(ChatRequest.of(model, "hello"));
  }

  @Test
  void aProvidersCaFileIsTrustedForThatProviderOnly() throws Exception {
    LoadedConfig l =
        load(
            """
        providers:
          anthropic: {base_url: %s, ca_file: certs/sim-ca.pem}
          openai: {base_url: %s/v1}
        defaults: {retries: 0}
        """
                .formatted(sim.baseUrl("anthropic"), sim.baseUrl("openai")),
            KEYS);
    assertThat(l.config().providers().get("anthropic").caFile())
        .isEqualTo(dir.resolve("certs/sim-ca.pem").toString());
    try (ConfiguredEngine session = ConfiguredEngine.open(l, BOTH, List.of(), b -> {})) {
      Outcome<ChatResponse> anthropic = ask(session, "anthropic:claude-sonnet-4-5");
      assertThat(anthropic.isSuccess()).as(anthropic.errorLine()).isTrue();
      Outcome<ChatResponse> openai = ask(session, "openai:gpt-4o-mini");
      assertThat(openai.isSuccess()).isFalse();
      assertThat(openai.errorKind()).isEqualTo("connection_failed");
      assertThat(openai.errorLine()).containsIgnoringCase("certificate");
    }
    assertThat(sim.stats().totals().requests()).isEqualTo(1);
  }

  @Test
  void theTopLevelCaFileAndChorusCaFileAreTrustedForEveryProvider() throws Exception {
    String yaml =
        """
        providers:
          anthropic: {base_url: %s}
          openai: {base_url: %s/v1}
        """
            .formatted(sim.baseUrl("anthropic"), sim.baseUrl("openai"));
    LoadedConfig fromFile = load(yaml + "ca_file: certs/sim-ca.pem\n", KEYS);
    Map<String, String> env = new java.util.HashMap<>(KEYS);
    env.put("CHORUS_CA_FILE", "certs/sim-ca.pem"); // relative to the project folder
    LoadedConfig fromEnv = load(yaml, env);
    assertThat(fromEnv.environmentOverrides()).contains("CHORUS_CA_FILE");
    for (LoadedConfig l : List.of(fromFile, fromEnv)) {
      try (ConfiguredEngine session = ConfiguredEngine.open(l, BOTH, List.of(), b -> {})) {
        for (ModelId m : BOTH) {
          Outcome<ChatResponse> o = ask(session, m.toString());
          assertThat(o.isSuccess()).as(m + ": " + o.errorLine()).isTrue();
        }
      }
    }
    assertThat(sim.stats().totals().requests()).isEqualTo(4);
  }

  @Test
  void aMissingCaFileNamesFileLineAndKey() throws Exception {
    assertThatThrownBy(
            () ->
                load(
                    """
        providers:
          anthropic:
            base_url: https://127.0.0.1:1
            ca_file: nowhere.pem
        """,
                    KEYS))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            dir.resolve("chorus.yaml")
                + ":4: providers.anthropic.ca_file: no readable file nowhere.pem");
    assertThatThrownBy(() -> load("ca_file: certs\n", KEYS))
        .isInstanceOf(ConfigException.class)
        .hasMessage(dir.resolve("chorus.yaml") + ":1: ca_file: no readable file certs");
    assertThatThrownBy(() -> load("", Map.of("CHORUS_CA_FILE", "/nonexistent/ca.pem")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("environment variable CHORUS_CA_FILE: no readable file /nonexistent/ca.pem");
  }

  @Test
  void aCaFileWithoutACertificateIsAConfigErrorNamingTheKey() throws Exception {
    Files.writeString(dir.resolve("certs/empty.pem"), "no certificate here\n");
    LoadedConfig l = load("providers:\n  anthropic: {ca_file: certs/empty.pem}\n", KEYS);
    assertThatThrownBy(() -> ConfiguredEngine.open(l, BOTH, List.of(), b -> {}))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("providers.anthropic.ca_file: " + dir.resolve("certs/empty.pem"));
  }
}
