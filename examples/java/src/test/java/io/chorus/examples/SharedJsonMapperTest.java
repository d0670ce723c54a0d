package io.chorus.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * One Jackson mapper for JSON: no library or CLI source creates its own (about thirty did, some on
 * every call); they all use chorus-common's {@code io.chorus.common.internal.Json}. YAML mappers
 * (their own factory) and the gateway's (a nesting limit for untrusted bodies) are the only other
 * mappers, each made once.
 */
class SharedJsonMapperTest {

  /** A JSON mapper made here, not a YAML one (those take a YAMLFactory). */
  private static final Pattern CREATES =
      Pattern.compile(
          "new ObjectMapper\\((?!\\s*new YAMLFactory)|JsonMapper\\.builder\\(|new JsonMapper\\(");

  private static final List<String> ALLOWED =
      List.of(
          // the shared mappers themselves
          "chorus-common/src/main/java/io/chorus/common/internal/Json.java",
          // untrusted request bodies: its own factory with a nesting limit, made once
          "chorus-gateway/src/main/java/io/chorus/gateway/internal/Json.java");

  @Test
  void noMainSourceCreatesAJsonMapper() throws Exception {
    Path root = Path.of("..", "..");
    List<String> offenders;
    try (Stream<Path> files = Files.walk(root)) {
      offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> p.toString().contains("/src/main/java/"))
              .filter(p -> ALLOWED.stream().noneMatch(a -> p.endsWith(Path.of(a))))
              .filter(
                  p -> {
                    try {
                      String s = Files.readString(p);
                      return CREATES.matcher(s).find();
                    } catch (java.io.IOException e) {
                      throw new java.io.UncheckedIOException(e);
                    }
                  })
              .map(p -> root.relativize(p).toString())
              .toList();
    }
    assertThat(offenders)
        .as("main sources creating a JSON mapper instead of using io.chorus.common.internal.Json")
        .isEmpty();
  }
}
