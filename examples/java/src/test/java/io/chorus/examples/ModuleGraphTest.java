package io.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The module graph has no arrow from a library module to the command line: no module of the reactor
 * but chorus-cli itself names chorus-cli among its dependencies.
 */
class ModuleGraphTest {

  @Test
  void noModuleDependsOnTheCommandLine() throws Exception {
    Path root = Path.of("..", "..");
    String parent = Files.readString(root.resolve("pom.xml"));
    Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    List<String> offenders = new ArrayList<>();
    int modules = 0;
    while (m.find()) {
      String module = m.group(1);
      String pom = Files.readString(root.resolve(module).resolve("pom.xml"));
      modules++;
      int deps = pom.indexOf("<dependencies>");
      // chorus-coverage only aggregates every module's coverage report; it is no library
      if (!module.equals("chorus-cli")
          && !module.equals("chorus-coverage")
          && deps >= 0
          && pom.substring(deps).contains("<artifactId>chorus-cli</artifactId>")) {
        offenders.add(module);
      }
    }
    assertThat(modules).isGreaterThan(10);
    assertThat(offenders).as("modules that depend on chorus-cli").isEmpty();
  }
}
