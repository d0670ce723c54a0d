package io.chorus.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.NoSuchElementException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentRegistryTest {
  @TempDir Path tmp;

  static String agent(String name, String fallback, String description) {
    return "---\nname: "
        + name
        + "\ndescription: "
        + description
        + "\nmodel: sim\n"
        + (fallback == null
            ? ""
            : "error_handling:\n  max_retries: 1\n  fallback_agent: " + fallback + "\n")
        + "---\nYou are "
        + name
        + ".\n";
  }

  @Test
  void cyclicFallbacksAreReportedOnEachFileWithItsLine() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("agents"));
    Files.writeString(dir.resolve("a.md"), agent("a", "b", "first"));
    Files.writeString(dir.resolve("b.md"), agent("b", "c", "second"));
    Files.writeString(dir.resolve("c.md"), agent("c", "a", "third"));
    List<String> problems = Agents.validate(dir).stream().map(Problem::toString).toList();
    assertThat(problems)
        .containsExactly(
            dir.resolve("a.md") + ":7: fallback_agent cycle: a -> b -> c -> a",
            dir.resolve("b.md") + ":7: fallback_agent cycle: b -> c -> a -> b",
            dir.resolve("c.md") + ":7: fallback_agent cycle: c -> a -> b -> c");
    // the registry keeps the agents but reports the cycle too
    AgentRegistry registry = AgentRegistry.builder().folder(dir).build();
    assertThat(registry.list()).hasSize(3);
    assertThat(registry.problems()).hasSize(3);
  }

  @Test
  void selfFallbackIsACycle() throws Exception {
    Path f = tmp.resolve("self.md");
    Files.writeString(f, agent("self", "self", "loops"));
    assertThat(Agents.validate(f).stream().map(Problem::toString))
        .containsExactly(f + ":7: fallback_agent cycle: self -> self");
  }

  @Test
  void unknownFallbackSuggestsTheClosestName() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("agents"));
    Files.writeString(dir.resolve("a.md"), agent("alpha", "betta", "first"));
    Files.writeString(dir.resolve("b.md"), agent("beta", null, "second"));
    assertThat(Agents.validate(dir.resolve("a.md")).stream().map(Problem::toString))
        .containsExactly(
            dir.resolve("a.md")
                + ":7: fallback_agent 'betta' is not a known agent (did you mean 'beta'?)");
  }

  @Test
  void validationReportsTheFallbackOfAFileThatHasOtherErrorsToo() throws Exception {
    Path f = tmp.resolve("lost.md");
    Files.writeString(
        f,
        "---\nname: lost\nerror_handling:\n  retry_strategy: exponential_backof\n  max_retries: -1\n  fallback_agent: jvm-concurency-expert\n---\nB\n");
    assertThat(Agents.validate(f).stream().map(Problem::toString))
        .containsExactly(
            f
                + ":4: unknown retry_strategy 'exponential_backof' (known: exponential_backoff, fixed_delay, none)",
            f + ":5: max_retries must not be negative, found -1",
            f
                + ":6: fallback_agent 'jvm-concurency-expert' is not a known agent (did you mean 'jvm-concurrency-expert'?)");
  }

  @Test
  void seed001ValidatesCleanlyBesideItsFallback() throws Exception {
    List<Problem> problems =
        Agents.validate(AgentFileTest.seed("05-async-concurrency.md").getParent());
    assertThat(problems).filteredOn(Problem::isError).isEmpty();
    // the two related agents that are not installed are warnings, with the table row's line
    assertThat(problems.stream().map(Problem::toString))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "05-async-concurrency.md:309: warning: related agent '02-web-development' is not a known agent; handovers to it are skipped"));
  }

  @Test
  void laterLayersOverrideEarlierOnesByName() throws Exception {
    Path project = Files.createDirectories(tmp.resolve("project"));
    Path user = Files.createDirectories(tmp.resolve("user"));
    Files.writeString(project.resolve("judge.md"), agent("judge", null, "project judge"));
    Files.writeString(project.resolve("mine.md"), agent("mine", null, "project only"));
    Files.writeString(user.resolve("m.md"), agent("mine", null, "user wins"));
    Files.createDirectories(project.resolve("templates"));
    Files.writeString(project.resolve("templates/hello.md"), "Hello {{who}}\n");
    AgentRegistry registry = AgentRegistry.standard(project, user);
    assertThat(registry.agent("judge").description()).isEqualTo("project judge");
    assertThat(registry.agent("mine").description()).isEqualTo("user wins");
    assertThat(registry.find("jvm-concurrency-expert")).isPresent();
    assertThat(registry.findTemplate("hello").orElseThrow().variables()).containsExactly("who");
    assertThatThrownBy(() -> registry.agent("nope"))
        .isInstanceOf(NoSuchElementException.class)
        .hasMessageStartingWith("no agent named 'nope' (known: ");
  }

  @Test
  void brokenFileIsLeftOutAndReportedDuplicatesInOneFolderAreErrors() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("agents"));
    Files.writeString(dir.resolve("a.md"), agent("same", null, "one"));
    Files.writeString(dir.resolve("b.md"), agent("same", null, "two"));
    Files.writeString(
        dir.resolve("c.md"), "---\nname: broken\nerror_handling:\n  max_retries: -1\n---\nx\n");
    AgentRegistry registry = AgentRegistry.builder().folder(dir).build();
    assertThat(registry.find("broken")).isEmpty();
    assertThat(registry.agent("same").description()).isEqualTo("one");
    assertThat(registry.problems().stream().map(Problem::toString))
        .containsExactly(
            dir.resolve("b.md")
                + ":2: agent name 'same' is already defined by "
                + dir.resolve("a.md"),
            dir.resolve("c.md") + ":4: max_retries must not be negative, found -1");
  }

  @Test
  void missingFoldersAreSkipped() {
    AgentRegistry registry = AgentRegistry.standard(tmp.resolve("none"), null);
    assertThat(registry.list()).isNotEmpty();
    assertThat(registry.problems()).filteredOn(Problem::isError).isEmpty();
  }
}
