package io.chorus.agents.internal;

import io.chorus.agents.Problem;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Where agent and template files come from: a folder on disk or the classpath.
 *
 * <p>In a folder, every {@code *.md} file is an agent, except those under a {@code templates}
 * subfolder, which are prompt templates. On the classpath, {@code /agents/index.txt} and {@code
 * /templates/index.txt} list the files (one name a line) because a classpath folder inside a jar
 * cannot be listed portably.
 */
public final class LibrarySource {

  /** One file's text and the name problems are reported under. */
  public record FileText(String source, String text) {}

  private LibrarySource() {}

  /** Agent files and template files of a folder, sorted by path; a missing folder has none. */
  public static List<FileText> folderFiles(Path folder, boolean templates, List<Problem> problems) {
    if (folder == null || !Files.isDirectory(folder)) {
      return List.of();
    }
    List<FileText> out = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(folder)) {
      for (Path p :
          walk.filter(Files::isRegularFile).filter(LibrarySource::isMarkdown).sorted().toList()) {
        if (isTemplatePath(folder, p) == templates) {
          read(p, problems, out);
        }
      }
    } catch (IOException | UncheckedIOException e) {
      problems.add(Problem.error(folder.toString(), 0, "cannot list folder: " + e.getMessage()));
    }
    return out;
  }

  /**
   * Whether {@code file} is a template (it lies under a {@code templates} folder below {@code
   * root}).
   */
  public static boolean isTemplatePath(Path root, Path file) {
    Path rel = root.relativize(file);
    for (int i = 0; i < rel.getNameCount() - 1; i++) {
      if (rel.getName(i).toString().equals("templates")) {
        return true;
      }
    }
    return false;
  }

  static boolean isMarkdown(Path p) {
    String n = p.getFileName().toString();
    return n.endsWith(".md") && !n.equalsIgnoreCase("README.md");
  }

  public static void read(Path p, List<Problem> problems, List<FileText> out) {
    try {
      out.add(new FileText(p.toString(), Files.readString(p, StandardCharsets.UTF_8)));
    } catch (IOException | UncheckedIOException e) {
      problems.add(Problem.error(p.toString(), 0, "cannot read file: " + e.getMessage()));
    }
  }

  /** The files listed in {@code /<folder>/index.txt} on the classpath. */
  public static List<FileText> classpath(String folder, List<Problem> problems) {
    String index = "/" + folder + "/index.txt";
    String listing = resource(index);
    if (listing == null) {
      return List.of();
    }
    List<FileText> out = new ArrayList<>();
    for (String line : listing.split("\n")) {
      String name = line.strip();
      if (name.isEmpty() || name.startsWith("#")) {
        continue;
      }
      String path = "/" + folder + "/" + name;
      String text = resource(path);
      if (text == null) {
        problems.add(
            Problem.error("classpath:" + index, 0, "lists '" + name + "', which is missing"));
      } else {
        out.add(new FileText("classpath:" + path, text));
      }
    }
    return out;
  }

  private static String resource(String path) {
    try (InputStream in = LibrarySource.class.getResourceAsStream(path)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read resource " + path, e);
    }
  }
}
