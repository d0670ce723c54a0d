package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: "{@code --json=FILE} is ignored by {@code vote}, {@code batch} and {@code ask}: every
 * command honours it."
 */
class JsonFileIgnoredByVoteBatchAndAskTest {
  @TempDir Path dir;
  static final ObjectMapper JSON = new ObjectMapper();

  private void assertJsonFile(String... args) throws Exception {
    CliRun r = CliRun.run(dir, Map.of(), args);
    assertThat(r.exitCode).as(r.toString()).isZero();
    Path file = dir.resolve("result.json");
    assertThat(file).as(r.toString()).exists();
    assertThat(JSON.readTree(Files.readString(file)).isObject()).isTrue();
    Files.delete(file);
  }

  @Test
  void everyCommandWritesTheJsonFile() throws Exception {
    Files.writeString(dir.resolve("in.jsonl"), "{\"custom_id\": \"a\", \"prompt\": \"one\"}\n");
    assertJsonFile("ask", "hello", "--model", "sim:instant", "--json=result.json");
    assertJsonFile("ask", "hello", "--model", "sim:instant", "--json", "result.json");
    assertJsonFile(
        "vote",
        "Is the sky blue?",
        "--options",
        "yes,no",
        "--model",
        "sim:instant",
        "--samples",
        "3",
        "--json=result.json");
    assertJsonFile(
        "batch", "in.jsonl", "--out", "out.jsonl", "--model", "sim:instant", "--json=result.json");
  }
}
