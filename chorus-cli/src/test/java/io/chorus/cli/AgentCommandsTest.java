package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code chorus agents validate} and {@code chorus run AGENT --input '{...}'}, as issue 7 names
 * them.
 */
class AgentCommandsTest {
  @TempDir Path dir;

  @Test
  void validateReportsEveryProblemWithFileAndLine() throws Exception {
    Path agents = dir.resolve("agents");
    Files.createDirectories(agents);
    Files.writeString(
        agents.resolve("broken.md"),
        "---\nname: broken\ninput_schema: not-an-object\nerror_handling:\n  fallback_agent: nobody\n---\nBody\n");
    CliRun r = CliRun.run(dir, Map.of(), "agents", "validate", "agents");
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.RUN_FAILED);
    String all = r.out + r.err;
    assertThat(all)
        .contains("broken.md:3:")
        .contains("input_schema")
        .contains("broken.md:5:")
        .contains("nobody");
    // the old name still works
    assertThat(CliRun.run(dir, Map.of(), "agents", "check", "agents").exitCode)
        .isEqualTo(ExitCodes.RUN_FAILED);
  }

  @Test
  void runTakesAnAgentNameAndValidatesItsInputBeforeAnyCall() throws Exception {
    CliRun bad =
        CliRun.run(
            dir,
            Map.of(),
            "run",
            "jvm-concurrency-expert",
            "--input",
            "{\"query\": \"crawl\", \"context\": {\"workload_type\": \"gpu-bound\"}}",
            "--model",
            "sim:fast",
            "--json");
    assertThat(bad.exitCode).as(bad.toString()).isEqualTo(ExitCodes.RUN_FAILED);
    var json = new ObjectMapper().readTree(bad.out);
    assertThat(json.path("reason").asText()).isEqualTo("invalid_input");
    assertThat(json.path("validation_errors").toString()).contains("workload_type");

    CliRun missing = CliRun.run(dir, Map.of(), "run", "jvm-concurrency-expert");
    assertThat(missing.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(missing.err).contains("needs its input");
  }
}
