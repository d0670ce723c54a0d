package io.chorus.cli.regressions;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.cli.CliContext;
import io.chorus.cli.Main;
import io.chorus.core.TimeSource;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * User-facing text named the documents the product was specified from ("seed 003's reading" in the
 * advisor's guidance, "# seed 000, offline" in deliberate's help, the examples' headers), and help
 * examples must name only commands that exist (an example once used {@code chorus translate}).
 */
class UserFacingTextNamesSeedDocumentsTest {

  static final Pattern SEED = Pattern.compile("(?i)\\bseeds?\\s+0\\d\\d\\b");

  static Path root() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.exists(p.resolve("chorus-cli"))) {
      p = p.getParent();
    }
    return p;
  }

  @Test
  void noMainSourceReadmeOrExampleNamesASeedDocument() throws IOException {
    Path root = root();
    List<String> hits = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                String s = root.relativize(f).toString().replace('\\', '/');
                return !s.contains("/target/")
                    && !s.startsWith(".")
                    && !s.contains("/.")
                    && !s.startsWith("docs/")
                    && !s.contains("/src/test/")
                    && s.matches(".*\\.(java|md|yaml|yml|txt|html)$");
              })
          .forEach(
              f -> {
                try {
                  String text = Files.readString(f);
                  Matcher m = SEED.matcher(text);
                  while (m.find()) {
                    hits.add(root.relativize(f) + ": " + m.group());
                  }
                } catch (IOException e) {
                  // binary or unreadable: not user-facing text
                }
              });
    }
    assertThat(hits).isEmpty();
  }

  @Test
  void everyHelpExampleNamesACommandThatExists() {
    CliContext ctx =
        new CliContext(
            new PrintWriter(new StringWriter()),
            new PrintWriter(new StringWriter()),
            Map.of(),
            Path.of("."),
            Path.of("."),
            TimeSource.system(),
            false);
    CommandLine cl = Main.commandLine(ctx);
    Set<String> commands = new TreeSet<>(cl.getSubcommands().keySet());
    List<String> bad = new ArrayList<>();
    collect(cl, commands, bad);
    assertThat(bad).isEmpty();
  }

  private static void collect(CommandLine cl, Set<String> commands, List<String> bad) {
    StringWriter help = new StringWriter();
    cl.usage(new PrintWriter(help));
    Matcher m =
        Pattern.compile("(?m)^\\s+(?:\\./)?chorus\\s+([a-z][a-z-]*)").matcher(help.toString());
    while (m.find()) {
      if (!commands.contains(m.group(1))) {
        bad.add(cl.getCommandName() + ": 'chorus " + m.group(1) + "'");
      }
    }
    cl.getSubcommands().values().forEach(sub -> collect(sub, commands, bad));
  }
}
