package io.chorus.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ModelId;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who deliberates when the user names no participant: the providers with keys, else two simulated
 * ones.
 */
class DefaultParticipantsTest {

  @TempDir Path dir;

  List<String> participants(Map<String, String> env) {
    return ConfiguredEngine.defaultParticipants(new ConfigLoader(env).load(null, dir, null))
        .stream()
        .map(ModelId::toString)
        .toList();
  }

  @Test
  void eachProviderWithAKeyTakesPart() {
    assertThat(participants(Map.of("ANTHROPIC_API_KEY", "k1", "XAI_API_KEY", "k2")))
        .containsExactly("anthropic:claude-sonnet-4-5", "xai:grok-4");
  }

  @Test
  void oneProviderWithAKeyGivesTwoOfItsModels() {
    assertThat(participants(Map.of("OPENAI_API_KEY", "k")))
        .containsExactly("openai:gpt-4o-mini", "openai:gpt-4o");
  }

  @Test
  void withoutKeysTwoSimulatedParticipants() {
    assertThat(participants(Map.of())).containsExactly("sim:fast", "sim:instant");
  }
}
