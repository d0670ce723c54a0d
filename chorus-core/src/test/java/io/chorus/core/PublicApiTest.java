package io.chorus.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The engine's public API, dumped and compared with the committed {@code api/chorus-core.api}, so
 * that the build fails when the API drifts by accident (OkHttp does the same). After a deliberate
 * change, regenerate the dump with {@code ./mvnw -pl chorus-core test -Dtest=PublicApiTest
 * -Dchorus.api.update=true} and commit it with the change.
 */
class PublicApiTest {
  static final Path DUMP = Path.of("src", "test", "resources", "api", "chorus-core.api");

  @Test
  void publicApiMatchesTheCommittedDump() throws Exception {
    String actual = String.join("\n", dump()).replace('$', '.') + "\n";
    if (Boolean.getBoolean("chorus.api.update")) {
      Files.writeString(DUMP, actual);
    }
    assertThat(actual)
        .as("the public API of io.chorus.core changed; if that is deliberate, regenerate %s (see this test's Javadoc)", DUMP)
        .isEqualTo(Files.readString(DUMP));
  }

  static List<String> dump() throws IOException, ClassNotFoundException {
    Path classes = Path.of("target", "classes", "io", "chorus", "core");
    List<String> names;
    try (Stream<Path> files = Files.list(classes)) {
      names = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".class"))
          .map(n -> "io.chorus.core." + n.substring(0, n.length() - ".class".length()).replace('$', '.'))
          .sorted()
          .toList();
    }
    List<String> out = new ArrayList<>();
    for (String name : names) {
      Class<?> c = load(name);
      if (c == null || !Modifier.isPublic(c.getModifiers()) || c.isSynthetic() || c.isAnonymousClass()) {
        continue;
      }
      out.add(kind(c) + " " + c.getName().replace('$', '.') + supertypes(c));
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

  private static Class<?> load(String dotted) throws ClassNotFoundException {
    // nested types are written with '.', the class loader wants '$' for them
    String binary = dotted;
    int firstNested = dotted.indexOf('.', "io.chorus.core.".length());
    if (firstNested > 0) {
      binary = dotted.substring(0, firstNested) + dotted.substring(firstNested).replace('.', '$');
    }
    try {
      return Class.forName(binary, false, PublicApiTest.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      return null;
    }
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
    Arrays.stream(c.getGenericInterfaces()).map(t -> t.getTypeName()).sorted().forEach(s::add);
    return s.isEmpty() ? "" : " : " + String.join(", ", s).replace('$', '.');
  }

  private static String params(java.lang.reflect.AnnotatedType[] types) {
    return String.join(", ", Arrays.stream(types).map(t -> type(t).replace('$', '.')).toList());
  }

  /** A type as the dump writes it: {@code @Nullable} in front where null is allowed. */
  private static String type(java.lang.reflect.AnnotatedType t) {
    return (t.isAnnotationPresent(org.jspecify.annotations.Nullable.class) ? "@Nullable " : "") + t.getType().getTypeName();
  }

}
