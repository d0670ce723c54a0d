package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.ModelId;
import io.chorus.core.PriceTable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --max-cost} and {@code budget:}: a command stops admitting calls, keeps what ran, exits 6.
 */
class BudgetCommandTest {

  @TempDir Path dir;

  // claude-sonnet-4-5 is priced ($3 / $15 per million tokens); without a key the simulator answers
  // under its name
  static final String[] VOTE = {
    "vote",
    "Is 'WIN A FREE CRUISE' spam?",
    "--options",
    "spam,ham",
    "--model",
    "anthropic:claude-sonnet-4-5",
    "--samples",
    "30",
    "--no-progress",
    "--sim-config",
    "fast.sim.yaml"
  };

  static String[] with(String[] base, String... more) {
    String[] out = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, out, base.length, more.length);
    return out;
  }

  @org.junit.jupiter.api.BeforeEach
  void fastSimulator() throws Exception {
    Files.writeString(
        dir.resolve("fast.sim.yaml"),
        "models:\n  claude-sonnet-4-5: {ttft: 1ms, tokensPerSecond: 100000}\n");
  }

  @Test
  void aVoteOverItsBudgetKeepsTheVotesThatRanAndExitsSix() {
    // a call's worst case is about $0.0155 (1,024 max tokens at $15/M); the simulator's answers
    // cost far less
    CliRun r = CliRun.run(dir, Map.of(), with(VOTE, "--max-cost", "0.03"));
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.BUDGET_EXHAUSTED);
    Matcher m =
        Pattern.compile(
                "budget of \\$0\\.0300 reached: (\\d+) call\\(s\\) not run; spent \\$([0-9.]+)")
            .matcher(r.err);
    assertThat(m.find()).as(r.err).isTrue();
    int notRun = Integer.parseInt(m.group(1));
    assertThat(notRun).isBetween(1, 29);
    assertThat(Double.parseDouble(m.group(2))).isLessThanOrEqualTo(0.03);
    assertThat(r.out).contains("not run: budget of $0.0300 reached");
  }

  @Test
  void budgetInChorusYamlAppliesAndMaxCostOverridesIt() throws Exception {
    Files.writeString(dir.resolve("chorus.yaml"), "budget: {max_cost: 0.03}\n");
    CliRun fromFile = CliRun.run(dir, Map.of(), VOTE);
    assertThat(fromFile.exitCode).as(fromFile.toString()).isEqualTo(ExitCodes.BUDGET_EXHAUSTED);
    CliRun overridden = CliRun.run(dir, Map.of(), with(VOTE, "--max-cost", "100"));
    assertThat(overridden.exitCode).as(overridden.toString()).isZero();
    assertThat(overridden.err).doesNotContain("budget of");
  }

  @Test
  void theEnvironmentCanSetTheBudget() {
    CliRun r = CliRun.run(dir, Map.of("CHORUS_MAX_COST", "0.03"), VOTE);
    assertThat(r.exitCode).as(r.toString()).isEqualTo(ExitCodes.BUDGET_EXHAUSTED);
  }

  @Test
  void aBadBudgetIsOneLine() throws Exception {
    CliRun neg = CliRun.run(dir, Map.of(), with(VOTE, "--max-cost", "-1"));
    assertThat(neg.exitCode).isEqualTo(ExitCodes.USAGE);
    assertThat(neg.err).contains("--max-cost: must be a positive amount of US dollars, was -1.0");
    Files.writeString(
        dir.resolve("chorus.yaml"), "defaults: {retries: 1}\nbudget:\n  max_cost: 0\n");
    CliRun file = CliRun.run(dir, Map.of(), VOTE);
    assertThat(file.exitCode).isEqualTo(ExitCodes.CONFIG);
    assertThat(file.err)
        .contains(
            "chorus.yaml:3: budget: max_cost must be a positive amount of US dollars, was 0.0");
  }

  @Test
  void everyCommandThatMakesCallsTakesMaxCost() {
    for (String cmd :
        new String[] {
          "ask", "vote", "section", "run", "batch", "deliberate", "review", "agents run"
        }) {
      CliRun r = CliRun.run(dir, Map.of(), with(cmd.split(" "), "--help"));
      assertThat(r.out).as(cmd).contains("--max-cost=USD");
    }
  }

  @Test
  void everyModelTheReadmeNamesHasAPrice() throws Exception {
    // every README of the repository (the top one, each module's, the examples') and docs/
    StringBuilder all = new StringBuilder(Files.readString(Path.of("..", "README.md")));
    try (var files = Files.walk(Path.of(".."), 3)) {
      for (Path f :
          files
              .filter(f -> f.getFileName().toString().equals("README.md"))
              .filter(
                  f -> !f.toString().contains("node_modules") && !f.toString().contains("target"))
              .toList()) {
        all.append('\n').append(Files.readString(f));
      }
    }
    String text = all.toString();
    Matcher m =
        Pattern.compile(
                "\\b(anthropic|openai|xai|ollama|vllm|llamacpp|sim):[A-Za-z0-9._-]*[A-Za-z0-9]")
            .matcher(text);
    int found = 0;
    while (m.find()) {
      found++;
      assertThat(PriceTable.defaults().find(ModelId.parse(m.group()))).as(m.group()).isPresent();
    }
    assertThat(found).isPositive();
    assertThat(PriceTable.defaultsTakenOn()).isNotNull();
  }

  @Test
  void aBatchOverItsBudgetLeavesTheRestUnfinishedAndResumesWithALargerOne() throws Exception {
    StringBuilder in = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      in.append("{\"custom_id\": \"q")
          .append(i)
          .append("\", \"prompt\": \"Question ")
          .append(i)
          .append("\"}\n");
    }
    Files.writeString(dir.resolve("in.jsonl"), in);
    String[] batch = {
      "batch",
      "in.jsonl",
      "--out",
      "out.jsonl",
      "--model",
      "anthropic:claude-sonnet-4-5",
      "--no-progress",
      "--sim-config",
      "fast.sim.yaml",
      "--concurrency",
      "1"
    };
    CliRun first = CliRun.run(dir, Map.of(), with(batch, "--max-cost", "0.02"));
    assertThat(first.exitCode).as(first.toString()).isEqualTo(ExitCodes.BUDGET_EXHAUSTED);
    long done = Files.readAllLines(dir.resolve("out.jsonl")).size();
    assertThat(done).isBetween(1L, 11L);
    assertThat(dir.resolve("out.dead.jsonl")).doesNotExist();
    CliRun resumed = CliRun.run(dir, Map.of(), with(batch, "--resume", "--max-cost", "10"));
    assertThat(resumed.exitCode).as(resumed.toString()).isZero();
    assertThat(Files.readAllLines(dir.resolve("out.jsonl"))).hasSize(12);
  }
}
