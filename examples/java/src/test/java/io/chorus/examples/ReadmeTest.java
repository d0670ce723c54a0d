package io.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.patterns.vote.VotingResult;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Rule;
import io.chorus.sim.Simulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The top-level README's "Use it from Java" section is what the build compiles: its Java block is
 * {@link ReadmeExample}'s, its dependency snippet names only modules of {@code chorus-bom}, and the
 * BOM names every library module of the build.
 */
class ReadmeTest {

  static final Path ROOT = Path.of("..", "..");

  @Test
  void theReadmesJavaBlockIsTheCompiledExample() throws Exception {
    String source =
        Files.readString(Path.of("src/main/java/io/chorus/examples/ReadmeExample.java"));
    String between =
        source.substring(
            source.indexOf('\n', source.indexOf("// README:begin")) + 1,
            source.indexOf("// README:end"));
    assertThat(block("java")).isEqualTo(dedent(between).stripTrailing() + "\n");
  }

  @Test
  void theExampleRunsAgainstTheSimulator() {
    try (Simulator sim =
        Simulator.builder()
            .defaultModel(ModelBehaviour.INSTANT)
            .rule(Rule.builder().userContains("rocks for brains").text("DECISION: needs_review"))
            .start()) {
      VotingResult vote = ReadmeExample.vote(sim.baseUrl(), "sk-ant-readme");
      assertThat(vote.votes()).hasSize(2);
      assertThat(vote.winner()).isEqualTo("needs_review");
    }
  }

  @Test
  void theDependencySnippetNamesBomModulesAndTheBomNamesEveryLibraryModule() throws Exception {
    Set<String> bom = artifacts(Files.readString(ROOT.resolve("chorus-bom/pom.xml")));
    bom.remove("chorus-bom");
    String snippet = block("xml");
    assertThat(snippet)
        .contains("<artifactId>chorus-bom</artifactId>")
        .contains("<scope>import</scope>");
    Set<String> named = artifacts(snippet);
    named.remove("chorus-bom");
    assertThat(named).isNotEmpty();
    assertThat(bom).containsAll(named);

    Matcher m =
        Pattern.compile("<module>([^<]+)</module>")
            .matcher(Files.readString(ROOT.resolve("pom.xml")));
    List<String> libraries = new ArrayList<>();
    while (m.find()) {
      String pom = Files.readString(ROOT.resolve(m.group(1)).resolve("pom.xml"));
      if (!pom.contains("<publish.skip>true</publish.skip>")
          && !pom.contains("<packaging>pom</packaging>")) {
        Matcher id =
            Pattern.compile(
                    "</parent>\\s*(?:<!--.*?-->\\s*)*<artifactId>([^<]+)</artifactId>",
                    Pattern.DOTALL)
                .matcher(pom);
        assertThat(id.find()).as(m.group(1)).isTrue();
        libraries.add(id.group(1));
      }
    }
    assertThat(libraries).hasSizeGreaterThan(10);
    assertThat(bom).containsExactlyInAnyOrderElementsOf(libraries);
  }

  private static Set<String> artifacts(String xml) {
    Matcher a = Pattern.compile("<artifactId>([^<]+)</artifactId>").matcher(xml);
    Set<String> out = new LinkedHashSet<>();
    while (a.find()) {
      out.add(a.group(1));
    }
    return out;
  }

  /** The first fenced block of {@code lang} in the README's "Use it from Java" section. */
  private static String block(String lang) throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    int section = readme.indexOf("## Use it from Java");
    assertThat(section).as("README section 'Use it from Java'").isNotNegative();
    int open = readme.indexOf("```" + lang + "\n", section);
    int start = open + lang.length() + 4;
    return readme.substring(start, readme.indexOf("```", start));
  }

  private static String dedent(String lines) {
    int indent = Integer.MAX_VALUE;
    for (String l : lines.split("\n")) {
      if (!l.isBlank()) {
        indent = Math.min(indent, l.length() - l.stripLeading().length());
      }
    }
    StringBuilder sb = new StringBuilder();
    for (String l : lines.split("\n")) {
      sb.append(l.isBlank() ? "" : l.substring(indent)).append('\n');
    }
    return sb.toString();
  }
}
