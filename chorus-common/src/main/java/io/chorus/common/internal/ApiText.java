package io.chorus.common.internal;

import java.io.IOException;
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
import org.jspecify.annotations.Nullable;

/**
 * A package's public API as text, one line per public type and member ({@code @Nullable} shown):
 * what every module's committed API dump holds. It lives here because chorus-core's own API test
 * cannot use chorus-testing (which depends on chorus-core) and kept a copy of it before, which had
 * to be changed in step with this one; chorus-testing's {@code ApiDump} compares with the committed
 * file. Internal: not part of any module's public API.
 */
public final class ApiText {

  private ApiText() {}

  /** The dump of one package's public types, sorted by name, members sorted within each type. */
  public static List<String> dump(Path classesRoot, String packageName) throws IOException {
    Path dir = classesRoot.resolve(packageName.replace('.', '/'));
    List<String> binaryNames;
    try (Stream<Path> files = Files.list(dir)) {
      binaryNames =
          files
              .map(p -> p.getFileName().toString())
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
          members.add(
              "  field "
                  + Modifier.toString(f.getModifiers())
                  + " "
                  + type(f.getAnnotatedType())
                  + " "
                  + f.getName());
        }
      }
      for (Constructor<?> k : c.getDeclaredConstructors()) {
        if (Modifier.isPublic(k.getModifiers())) {
          members.add("  new(" + params(k.getAnnotatedParameterTypes()) + ")");
        }
      }
      for (Method m : c.getDeclaredMethods()) {
        if (Modifier.isPublic(m.getModifiers()) && !m.isSynthetic() && !m.isBridge()) {
          members.add(
              "  "
                  + (Modifier.isStatic(m.getModifiers()) ? "static " : "")
                  + type(m.getAnnotatedReturnType())
                  + " "
                  + m.getName()
                  + "("
                  + params(m.getAnnotatedParameterTypes())
                  + ")");
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
    return (c.isSealed() ? "sealed " : Modifier.isFinal(c.getModifiers()) ? "final " : "")
        + "class";
  }

  private static String supertypes(Class<?> c) {
    List<String> s = new ArrayList<>();
    if (c.getGenericSuperclass() != null
        && c.getSuperclass() != Object.class
        && c.getSuperclass() != Record.class
        && c.getSuperclass() != Enum.class) {
      s.add(c.getGenericSuperclass().getTypeName());
    }
    Arrays.stream(c.getGenericInterfaces()).map(Type::getTypeName).sorted().forEach(s::add);
    return s.isEmpty() ? "" : " : " + dotted(String.join(", ", s));
  }

  private static String params(AnnotatedType[] types) {
    return String.join(", ", Arrays.stream(types).map(ApiText::type).toList());
  }

  /** A type as the dump writes it: {@code @Nullable} in front where null is allowed. */
  private static String type(AnnotatedType t) {
    return (t.isAnnotationPresent(Nullable.class) ? "@Nullable " : "")
        + dotted(t.getType().getTypeName());
  }
}
