package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The simulator answers any model name: {@code anthropic:claude-sonet-4-5} (typo) exits 0." With
 * no key, the simulator stands in and refuses the name as Anthropic would: one line naming the
 * model, exit 2. {@code sim:} models keep answering any name.
 */
class MistypedModelFailsOfflineAsOnlineTest {
  @TempDir Path dir;

  @Test
  void aMistypedAnthropicModelIsNotFound() {
    CliRun r = CliRun.run(dir, Map.of(), "ask", "hi", "--model", "anthropic:claude-sonet-4-5");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.out).isBlank();
    assertThat(r.err)
        .contains(
            "chorus: model anthropic:claude-sonet-4-5 does not exist: not_found (HTTP 404): not_found_error")
        .doesNotContain("not_found: not_found");
    assertThat(r.err.lines().filter(l -> l.startsWith("chorus:"))).hasSize(1);
  }

  @Test
  void aMistypedOpenAiModelIsNotFoundTooAndSimModelsAnswerAnyName() {
    CliRun o = CliRun.run(dir, Map.of(), "ask", "hi", "--model", "openai:gpt-4o-mnii", "--quiet");
    assertThat(o.exitCode).as(o.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(o.err).contains("gpt-4o-mnii` does not exist");
    CliRun real =
        CliRun.run(dir, Map.of(), "ask", "hi", "--model", "anthropic:claude-sonnet-4-5", "--quiet");
    assertThat(real.exitCode).as(real.toString()).isZero();
    CliRun sim =
        CliRun.run(dir, Map.of(), "ask", "hi", "--model", "sim:any-name-at-all", "--quiet");
    assertThat(sim.exitCode).as(sim.toString()).isZero();
    assertThat(sim.out).isNotBlank();
  }
}
