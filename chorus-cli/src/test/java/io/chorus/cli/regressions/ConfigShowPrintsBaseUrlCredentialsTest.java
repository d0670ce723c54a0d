package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: "{@code config show} prints credentials embedded in a base URL ({@code
 * http://user:SECRET@…})"; and the defaults every call gets (the idle timeout of non-streaming
 * reads, the retry-after cap, the response size caps) are printed too.
 */
class ConfigShowPrintsBaseUrlCredentialsTest {
  @TempDir Path dir;

  @Test
  void credentialsInABaseUrlAreRedactedAndTheDefaultsShown() throws Exception {
    Files.writeString(
        dir.resolve("chorus.yaml"),
        "providers:\n  openai: {base_url: \"http://user:SECRET@127.0.0.1:9/v1\"}\n");
    CliRun r =
        CliRun.run(
            dir, Map.of("OLLAMA_HOST", "http://admin:HUNTER2@127.0.0.1:11434"), "config", "show");
    assertThat(r.exitCode).as(r.toString()).isZero();
    assertThat(r.out + r.err)
        .doesNotContain("SECRET")
        .doesNotContain("HUNTER2")
        .contains("http://***@127.0.0.1:9/v1");
    assertThat(r.out)
        .contains(
            "effective_defaults",
            "idle: 1m00s",
            "max_retry_after: 1m00s",
            "max_response_bytes: 16777216");
    CliRun json = CliRun.run(dir, Map.of(), "config", "show", "--json");
    assertThat(json.out).doesNotContain("SECRET");
  }
}
