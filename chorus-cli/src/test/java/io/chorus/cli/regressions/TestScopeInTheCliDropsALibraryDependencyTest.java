package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every command failed with {@code chorus: internal error: NoClassDefFoundError:
 * com/fasterxml/jackson/dataformat/yaml/YAMLFactory}: chorus-cli declared jackson-dataformat-yaml
 * with test scope (for one test), and Maven's nearest declaration wins, so the CLI's run-time class
 * path lost a library chorus-config needs. The tests passed, since their class path has test scope.
 * json-schema-validator (agents' and review's output schemas) was declared the same way. No
 * dependency a library module needs at compile time may be test-scoped in chorus-cli.
 */
class TestScopeInTheCliDropsALibraryDependencyTest {

  private static final Pattern DEPENDENCY =
      Pattern.compile(
          "<dependency>\\s*<groupId>([^<]+)</groupId>\\s*<artifactId>([^<]+)</artifactId>(.*?)</dependency>",
          Pattern.DOTALL);

  @Test
  void noLibraryCompileDependencyIsTestScopedInTheCli() throws Exception {
    Path root = Path.of("..");
    List<String> libraryCompile = new ArrayList<>();
    try (Stream<Path> modules = Files.list(root)) {
      for (Path m :
          modules.filter(p -> p.getFileName().toString().startsWith("chorus-")).toList()) {
        Path pom = m.resolve("pom.xml");
        String name = m.getFileName().toString();
        // the CLI itself, and the modules that are no library of it (benchmarks, coverage, the BOM)
        if (List.of("chorus-cli", "chorus-bench", "chorus-coverage", "chorus-bom").contains(name)
            || !Files.exists(pom)) {
          continue;
        }
        Matcher d = DEPENDENCY.matcher(Files.readString(pom));
        while (d.find()) {
          if (!d.group(3).contains("<scope>")) {
            libraryCompile.add(d.group(1) + ":" + d.group(2));
          }
        }
      }
    }
    List<String> testScopedInCli = new ArrayList<>();
    Matcher d = DEPENDENCY.matcher(Files.readString(root.resolve("chorus-cli/pom.xml")));
    while (d.find()) {
      if (d.group(3).contains("<scope>test</scope>") && !d.group(3).contains("<type>test-jar")) {
        testScopedInCli.add(d.group(1) + ":" + d.group(2));
      }
    }
    assertThat(libraryCompile)
        .contains(
            "com.fasterxml.jackson.dataformat:jackson-dataformat-yaml",
            "com.networknt:json-schema-validator");
    assertThat(testScopedInCli).doesNotContainAnyElementsOf(libraryCompile);
  }
}
