package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliRun;
import io.chorus.cli.ExitCodes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 21: "quota or 401 on every call gives 4 from {@code ask} but 1 from {@code vote} and {@code
 * batch}". One table for every command: a provider that answered no call usefully exits 4 from
 * each, and the message names the cause.
 */
class QuotaOnEveryCallExitsOneFromVoteAndBatchTest {
  @TempDir Path dir;

  @BeforeEach
  void scenario() throws Exception {
    Files.writeString(
        dir.resolve("quota.sim.yaml"), "faults:\n  - {kind: quota_exhausted, rate: 1.0}\n");
    Files.writeString(
        dir.resolve("in.jsonl"),
        "{\"custom_id\": \"a\", \"prompt\": \"one\"}\n{\"custom_id\": \"b\", \"prompt\": \"two\"}\n");
  }

  private void assertUnavailable(String... args) {
    String[] all = new String[args.length + 2];
    System.arraycopy(args, 0, all, 0, args.length);
    all[args.length] = "--sim-config";
    all[args.length + 1] = "quota.sim.yaml";
    CliRun r = CliRun.run(dir, Map.of(), all);
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.PROVIDER_UNAVAILABLE);
    assertThat(r.err).as(r.toString()).containsIgnoringCase("quota");
  }

  @Test
  void ask() {
    assertUnavailable("ask", "hello", "--model", "sim:instant");
  }

  @Test
  void vote() {
    assertUnavailable(
        "vote",
        "Is the sky blue?",
        "--options",
        "yes,no",
        "--model",
        "sim:instant",
        "--samples",
        "3");
  }

  @Test
  void batch() {
    assertUnavailable("batch", "in.jsonl", "--out", "out.jsonl", "--model", "sim:instant");
  }

  @Test
  void deliberate() {
    assertUnavailable(
        "deliberate", "task", "--model", "sim:instant", "--model", "sim:fast", "--rounds", "1");
  }
}
