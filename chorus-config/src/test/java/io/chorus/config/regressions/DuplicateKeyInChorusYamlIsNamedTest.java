package io.chorus.config.regressions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.config.ConfigException;
import io.chorus.config.ConfigLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 15 (one YAML reader): "a key written twice in chorus.yaml is silently the last one" (a
 * second {@code defaults:} block replaced the first, so its model quietly vanished), while the
 * simulator's config and agent files refused the same mistake. Every reader of user YAML now
 * reports it with both lines.
 */
class DuplicateKeyInChorusYamlIsNamedTest {

  @TempDir Path dir;

  @Test
  void aKeyWrittenTwiceNamesFileLineAndFirstLine() throws Exception {
    Files.writeString(
        dir.resolve("chorus.yaml"),
        """
        defaults:
          model: sim:fast
          retries: 2
          model: sim:slow
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, dir, null))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            dir.resolve("chorus.yaml") + ":4: defaults.model: written twice (first on line 2)");
  }

  @Test
  void yesAndNoStayTextAndLinesStayExactAfterTheSwitch() throws Exception {
    Files.writeString(
        dir.resolve("chorus.yaml"),
        """
        defaults:
          model: sim:fast
          retries: many
        """);
    assertThatThrownBy(() -> new ConfigLoader(Map.of()).load(null, dir, null))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(e.getMessage())
                    .startsWith(dir.resolve("chorus.yaml") + ":3: defaults.retries: "));
  }
}
