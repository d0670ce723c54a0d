package io.chorus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.chorus.common.internal.ApiText;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;

/**
 * A library module's public API as text (one line per public type and member of one package), to
 * compare with a committed dump so that the build fails when the API drifts by accident (OkHttp
 * does the same). A module's test calls {@link #assertMatches}; after a deliberate change it is
 * re-run with {@code -Dchorus.api.update=true}, which rewrites the dump to commit with the change:
 *
 * {@snippet :
 * ./mvnw -o -pl chorus-batch -am test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dchorus.api.update=true
 * }
 *
 * Only the named package is dumped, not its sub-packages ({@code internal} stays out).
 */
public final class ApiDump {

  private ApiDump() {}

  /**
   * Compares the public API of {@code packageName} (its classes under the module's {@code
   * target/classes}) with {@code src/test/resources/api/<module>.api}.
   */
  public static void assertMatches(String packageName, String module) {
    Path dump = Path.of("src", "test", "resources", "api", module + ".api");
    try {
      String actual = String.join("\n", dump(Path.of("target", "classes"), packageName)) + "\n";
      if (Boolean.getBoolean("chorus.api.update")) {
        Files.createDirectories(dump.getParent());
        Files.writeString(dump, actual);
      }
      String expected = Files.exists(dump) ? Files.readString(dump) : "";
      assertEquals(
          expected,
          actual,
          "the public API of "
              + packageName
              + " changed; if that is deliberate, regenerate "
              + dump
              + " with -Dchorus.api.update=true (see ApiDump)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Compares the public API of every package of the module (its classes under {@code
   * target/classes}) except {@code internal} ones and their sub-packages with {@code
   * src/test/resources/api/<module>.api}; each package's dump starts with a {@code package} line.
   */
  public static void assertModuleMatches(String module) {
    Path dump = Path.of("src", "test", "resources", "api", module + ".api");
    Path classes = Path.of("target", "classes");
    try {
      List<String> packages;
      try (Stream<Path> dirs = Files.walk(classes)) {
        packages =
            dirs.filter(Files::isDirectory)
                .map(d -> classes.relativize(d).toString().replace(java.io.File.separatorChar, '.'))
                .filter(n -> !n.isEmpty() && !(n + ".").contains(".internal."))
                .filter(n -> hasClasses(classes, n))
                .sorted()
                .toList();
      }
      List<String> lines = new ArrayList<>();
      List<String> unmarked = packages.stream().filter(p -> !nullMarked(p)).toList();
      if (!unmarked.isEmpty()) {
        throw new AssertionError(
            "public packages of "
                + module
                + " without @NullMarked (add it to their package-info.java): "
                + unmarked);
      }
      for (String pkg : packages) {
        lines.add("package " + pkg);
        lines.addAll(dump(classes, pkg));
      }
      String actual = String.join("\n", lines) + "\n";
      if (Boolean.getBoolean("chorus.api.update")) {
        Files.createDirectories(dump.getParent());
        Files.writeString(dump, actual);
      }
      String expected = Files.exists(dump) ? Files.readString(dump) : "";
      assertEquals(
          expected,
          actual,
          "the public API of "
              + module
              + " changed; if that is deliberate, regenerate "
              + dump
              + " with -Dchorus.api.update=true (see ApiDump)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean nullMarked(String pkg) {
    try {
      return Class.forName(
              pkg + ".package-info", false, Thread.currentThread().getContextClassLoader())
          .isAnnotationPresent(NullMarked.class);
    } catch (ClassNotFoundException e) {
      return false;
    }
  }

  private static boolean hasClasses(Path classes, String pkg) {
    try (Stream<Path> files = Files.list(classes.resolve(pkg.replace('.', '/')))) {
      return files.anyMatch(f -> f.getFileName().toString().endsWith(".class"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The dump of one package's public types, sorted by name, members sorted within each type. */
  public static List<String> dump(Path classesRoot, String packageName) throws IOException {
    return ApiText.dump(classesRoot, packageName);
  }
}
