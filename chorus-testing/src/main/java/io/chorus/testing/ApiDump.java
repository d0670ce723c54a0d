package io.chorus.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.AnnotatedType;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.jspecify.annotations.NullMarked;
import org.jspecify.annotations.Nullable;

/**
 * A library module's public API as text (one line per public type and member of one package), to
 * compare with a committed dump so that the build fails when the API drifts by accident (OkHttp
 * does the same). A module's test calls {@link #assertMatches}; after a deliberate change it is
 * re-run with {@code -Dchorus.api.update=true}, which rewrites the dump to commit with the change:
 * {@snippet :
 * ./mvnw -o -pl chorus-batch -am test -Dtest=PublicApiTest -Dsurefire.failIfNoSpecifiedTests=false -Dchorus.api.update=true
 * }
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
      assertEquals(expected, actual, "the public API of " + packageName + " changed; if that is deliberate, regenerate " + dump
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
        packages = dirs.filter(Files::isDirectory)
            .map(d -> classes.relativize(d).toString().replace(java.io.File.separatorChar, '.'))
            .filter(n -> !n.isEmpty() && !(n + ".").contains(".internal."))
            .filter(n -> hasClasses(classes, n))
            .sorted()
            .toList();
      }
      List<String> lines = new ArrayList<>();
      List<String> unmarked = packages.stream().filter(p -> !nullMarked(p)).toList();
      if (!unmarked.isEmpty()) {
        throw new AssertionError("public packages of " + module + " without @NullMarked (add it to their package-info.java): "
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
      assertEquals(expected, actual, "the public API of " + module + " changed; if that is deliberate, regenerate " + dump
          + " with -Dchorus.api.update=true (see ApiDump)");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean nullMarked(String pkg) {
    try {
      return Class.forName(pkg + ".package-info", false, Thread.currentThread().getContextClassLoader())
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
    Path dir = classesRoot.resolve(packageName.replace('.', '/'));
    List<String> binaryNames;
    try (Stream<Path> files = Files.list(dir)) {
      binaryNames = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class") && !n.equals("package-info.class"))
          .map(n -> packageName + "." + n.substring(0, n.length() - ".class".length()))
          .sorted((a, b) -> a.replace('$', '.').compareTo(b.replace('$', '.')))
          .toList();
    }
    List<String> out = new ArrayList<>();
    for (String name : binaryNames) {
      Class<?> c;
      try {
        c = Class.forName(name, false, Thread.currentThread().getContextClassLoader());
      } catch (ClassNotFoundException e) {
        continue;
      }
      if (!isPublic(c) || c.isSynthetic() || c.isAnonymousClass()) {
        continue;
      }
      out.add(kind(c) + " " + dotted(c.getName()) + supertypes(c));
      List<String> members = new ArrayList<>();
      for (Field f : c.getDeclaredFields()) {
        if (Modifier.isPublic(f.getModifiers())) {
          members.add("  field " + Modifier.toString(f.getModifiers()) + " " + type(f.getAnnotatedType()) + " " + f.getName());
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (Modifier.isPublic(k.getModifiers())) {
          members.add("  new(" + params(k.getAnnotatedParameterTypes()) + ")");
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
          members.add("  " + (Modifier.isStatic(m.getModifiers()) ? "static " : "") + type(m.getAnnotatedReturnType())
              + " " + m.getName() + "(" + params(m.getAnnotatedParameterTypes()) + ")");
        }
      }
      members.sort(null);
      out.addAll(members);
    }
    return out;
  }

  private static boolean isPublic(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getEnclosingClass()) {
      if (!Modifier.isPublic(k.getModifiers())) {
        return false;
      }
    }
    return true;
  }

  private static String dotted(String name) {
    return name.replace('$', '.');
  }

  private static String kind(Class<?> c) {
    if (c.isRecord()) {
      return "record";
    }
    if (c.isEnum()) {
      return "enum";
    }
    if (c.isInterface()) {
      return c.isSealed() ? "sealed interface" : "interface";
    }
    return (c.isSealed() ? "sealed " : Modifier.isFinal(c.getModifiers()) ? "final " : "") + "class";
  }

  private static String supertypes(Class<?> c) {
    List<String> s = new ArrayList<>();
    if (c.getGenericSuperclass() != null && c.getSuperclass() != Object.class && c.getSuperclass() != Record.class
        && c.getSuperclass() != Enum.class) {
      s.add(c.getGenericSuperclass().getTypeName());
    }
    Arrays.stream(c.getGenericInterfaces()).map(Type::getTypeName).sorted().forEach(s::add);
    return s.isEmpty() ? "" : " : " + dotted(String.join(", ", s));
  }

  private static String params(AnnotatedType[] types) {
    return String.join(", ", Arrays.stream(types).map(ApiDump::type).toList());
  }

  /** A type as the dump writes it: {@code @Nullable} in front where null is allowed. */
  private static String type(AnnotatedType t) {
    return (t.isAnnotationPresent(Nullable.class) ? "@Nullable " : "") + dotted(t.getType().getTypeName());
  }
}
