package io.chorus.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class BuiltInLibraryTest {
  static final Path RESOURCES = Path.of("src/main/resources");

  @Test
  void wholeLibraryValidatesWithoutErrorsOrWarnings() {
    List<Problem> problems = Agents.validate(RESOURCES.resolve("agents"));
    assertThat(problems).isEmpty();
    assertThat(Agents.validate(RESOURCES.resolve("templates"))).isEmpty();
    assertThat(AgentRegistry.builtIn().problems()).isEmpty();
  }

  @Test
  void indexListsEveryFileOfTheFolder() throws Exception {
    for (String folder : List.of("agents", "templates")) {
      List<String> index =
          Files.readAllLines(RESOURCES.resolve(folder).resolve("index.txt")).stream()
              .filter(l -> !l.isBlank() && !l.startsWith("#"))
              .sorted()
              .toList();
      try (Stream<Path> files = Files.list(RESOURCES.resolve(folder))) {
        assertThat(
                files
                    .map(p -> p.getFileName().toString())
                    .filter(n -> n.endsWith(".md"))
                    .sorted()
                    .toList())
            .as(folder + "/index.txt")
            .isEqualTo(index);
      }
    }
  }

  @Test
  void libraryHasTheAgentsOtherModulesRelyOn() {
    AgentRegistry registry = AgentRegistry.builtIn();
    assertThat(registry.list())
        .extracting(AgentDefinition::name)
        .contains(
            "jvm-concurrency-expert",
            "java-fundamentals",
            "security-injection",
            "security-auth",
            "security-crypto",
            "security-data-protection",
            "security-general",
            "moderator-strict",
            "moderator-balanced",
            "moderator-lenient",
            "moderator-context-analyst",
            "moderator-policy-expert",
            "translator-formal",
            "translator-casual",
            "translator-technical",
            "synthesizer",
            "judge");
    assertThat(registry.findTemplate("jvm-concurrency-task").orElseThrow().variables())
        .containsExactly("describe_your_concurrent_task_here");
    assertThat(registry.agent("translator-technical").prompt().variables())
        .containsExactly("target_language");
    assertThat(registry.agent("moderator-context-analyst").temperature()).isEqualTo(0.7);
  }

  @Test
  void securityReviewersShareTheFindingsSchema() throws Exception {
    JsonNode findings =
        new ObjectMapper()
            .readTree(RESOURCES.resolve("schemas/security-findings.schema.json").toFile());
    AgentRegistry registry = AgentRegistry.builtIn();
    for (String r :
        List.of(
            "security-injection",
            "security-auth",
            "security-crypto",
            "security-data-protection",
            "security-general")) {
      assertThat(registry.agent(r).outputSchema()).as(r).isEqualTo(findings);
    }
    assertThat(AgentLibrary.findingsSchema()).isEqualTo(findings);
  }

  @Test
  void shippedExampleIsSeed001Unmodified() throws Exception {
    assertThat(Files.readString(RESOURCES.resolve("examples/05-async-concurrency.md")))
        .isEqualTo(Files.readString(AgentFileTest.seed("05-async-concurrency.md")));
    assertThat(Agents.validate(RESOURCES.resolve("examples")))
        .filteredOn(Problem::isError)
        .isEmpty();
  }
}
