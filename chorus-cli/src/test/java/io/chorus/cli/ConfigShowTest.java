package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigShowTest {

  @TempDir Path dir;

  @Test
  void showPrintsTheEffectiveConfigWithKeysRedacted() throws Exception {
    Files.createDirectories(dir.resolve("home/.config/chorus"));
    Files.writeString(dir.resolve("home/.config/chorus/chorus.yaml"), "defaults: {retries: 4}\n");
    Files.writeString(
        dir.resolve("chorus.yaml"),
        "providers:\n  xai: {api_key: xai-TOPSECRET}\ndefaults: {model: sim:fast}\n");
    CliRun r = CliRun.run(dir, Map.of("OPENAI_API_KEY", "sk-ALSOSECRET"), "config", "show");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out)
        .doesNotContain("TOPSECRET")
        .doesNotContain("ALSOSECRET")
        .contains("retries: 4")
        .contains("model: sim:fast")
        .contains("<redacted>")
        .contains("openai: set from $OPENAI_API_KEY");
    CliRun j =
        CliRun.run(dir, Map.of("OPENAI_API_KEY", "sk-ALSOSECRET"), "config", "show", "--json");
    var tree = new ObjectMapper().readTree(j.out);
    assertThat(tree.path("defaults").path("retries").asInt()).isEqualTo(4);
    assertThat(tree.path("providers").path("xai").path("api_key").asText()).isEqualTo("<redacted>");
    assertThat(tree.path("files")).hasSize(2);
  }
}
