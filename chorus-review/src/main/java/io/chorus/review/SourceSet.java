package io.chorus.review;

import io.chorus.review.internal.GitIgnore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The files of a review, read from files, folders and globs, with {@code .gitignore} respected, and
 * split into {@link CodeChunk}s that keep the files' line numbers.
 *
 * <p>Folders are walked recursively; {@code .git} folders, binary files (a NUL byte in the first 8
 * KiB), files over 1 MiB and files that are not UTF-8 are skipped and listed in {@link #skipped()}.
 * A {@code .gitignore} in a walked folder or any parent up to the walk's root applies below it,
 * with git's rules for {@code *}, {@code **}, a leading or inner {@code /} (anchored), a trailing
 * {@code /} (folders only) and {@code !} (re-include).
 *
 * <p>Chorus's own outputs are never reviewed: the files a caller names as outputs (the report, the
 * SARIF, the JSON), {@code .chorus} folders (the batch journal), and files that begin as a Chorus
 * report does (a review's Markdown, its SARIF, a run report) are listed in {@link #skipped()} as
 * such.
 *
 * <p>Immutable once built.
 */
public final class SourceSet {
  static final long MAX_BYTES = 1 << 20;
  private static final Map<String, String> LANGUAGES = languages();

  private final List<SourceFile> files;
  private final List<String> skipped;
  private final ChangedLines changed;

  private SourceSet(List<SourceFile> files, List<String> skipped) {
    this(files, skipped, null);
  }

  private SourceSet(List<SourceFile> files, List<String> skipped, ChangedLines changed) {
    this.files = List.copyOf(files);
    this.skipped = List.copyOf(skipped);
    this.changed = changed;
  }

  /**
   * This set restricted to {@code changes}: {@link #chunks} keeps only the chunks that hold a
   * changed line, and files the change did not touch are dropped.
   */
  public SourceSet onlyChanged(ChangedLines changes) {
    List<SourceFile> kept =
        files.stream()
            .filter(f -> changes.lines().containsKey(f.path().replace('\\', '/')))
            .toList();
    return new SourceSet(kept, skipped, changes);
  }

  /** The change this set is restricted to, or null for whole files. */
  public @org.jspecify.annotations.Nullable ChangedLines changes() {
    return changed;
  }

  /**
   * Reads {@code inputs}: files, folders, or globs (containing {@code *} or {@code ?}, relative to
   * {@code base}). Paths in reports are relative to {@code base}.
   *
   * @throws IllegalArgumentException naming the input when it does not exist or matches nothing
   */
  public static SourceSet read(Path base, List<String> inputs) {
    return read(base, inputs, List.of());
  }

  /**
   * Reads {@code inputs} as {@link #read(Path, List)} does, passing over {@code outputs}: the files
   * this run will write (resolved against {@code base}), which a folder review must not review.
   */
  public static SourceSet read(Path base, List<String> inputs, List<Path> outputs) {
    Set<Path> own = new HashSet<>();
    outputs.forEach(o -> own.add(base.resolve(o).toAbsolutePath().normalize()));
    Map<String, SourceFile> found = new TreeMap<>();
    List<String> skipped = new ArrayList<>();
    for (String input : inputs) {
      if (input.contains("*") || input.contains("?")) {
        PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + input);
        int before = found.size();
        walk(base, base, p -> m.matches(base.relativize(p)), found, skipped, own);
        if (found.size() == before) {
          throw new IllegalArgumentException(
              "review: the pattern '" + input + "' matches no file under " + base);
        }
        continue;
      }
      Path p = base.resolve(input).normalize();
      if (!Files.exists(p)) {
        throw new IllegalArgumentException("review: no such file or folder: " + input);
      }
      if (Files.isDirectory(p)) {
        walk(base, p, x -> true, found, skipped, own);
      } else {
        add(base, p, found, skipped, own);
      }
    }
    if (found.isEmpty()) {
      throw new IllegalArgumentException(
          "review: no readable source file in "
              + String.join(", ", inputs)
              + (skipped.isEmpty() ? "" : " (skipped: " + String.join("; ", skipped) + ")"));
    }
    return new SourceSet(new ArrayList<>(found.values()), skipped);
  }

  /** A set made of in-memory files (tests, stdin). */
  public static SourceSet of(List<SourceFile> files) {
    return new SourceSet(files, List.of());
  }

  public List<SourceFile> files() {
    return files;
  }

  /** Files passed over, each with the reason. */
  public List<String> skipped() {
    return skipped;
  }

  /**
   * Splits every file into chunks of at most {@code maxLines} lines. A chunk ends at a blank line
   * near the limit when there is one, so that functions are less often cut in two.
   */
  public List<CodeChunk> chunks(int maxLines) {
    if (maxLines < 10) {
      throw new IllegalArgumentException(
          "review: chunk size must be at least 10 lines, was " + maxLines);
    }
    List<CodeChunk> out = new ArrayList<>();
    for (SourceFile f : files) {
      int start = 0;
      int n = f.lines().size();
      if (n == 0) {
        continue;
      }
      while (start < n) {
        int end = Math.min(n, start + maxLines);
        if (end < n) {
          for (int i = end - 1; i > start + maxLines * 3 / 4; i--) {
            if (f.lines().get(i).isBlank()) {
              end = i + 1;
              break;
            }
          }
        }
        out.add(new CodeChunk(f.path(), f.language(), start + 1, f.lines().subList(start, end)));
        start = end;
      }
    }
    if (changed != null) {
      out.removeIf(c -> !changed.touches(c));
    }
    return out;
  }

  /** The language of a file name by its extension, or {@code text}. */
  public static String languageOf(String fileName) {
    int dot = fileName.lastIndexOf('.');
    String ext = dot < 0 ? "" : fileName.substring(dot + 1).toLowerCase(Locale.ROOT);
    return LANGUAGES.getOrDefault(ext, "text");
  }

  private static void walk(
      Path base,
      Path root,
      java.util.function.Predicate<Path> accept,
      Map<String, SourceFile> found,
      List<String> skipped,
      Set<Path> own) {
    GitIgnore ignore = GitIgnore.forRoot(root);
    try {
      Files.walkFileTree(
          root,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs)
                throws IOException {
              if (dir.getFileName() != null && dir.getFileName().toString().equals(".git")) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (dir.getFileName() != null && dir.getFileName().toString().equals(".chorus")) {
                skipped.add(display(base, dir) + "/: Chorus's own state (batch journal, caches)");
                return FileVisitResult.SKIP_SUBTREE;
              }
              if (!dir.equals(root) && ignore.ignored(dir, true)) {
                return FileVisitResult.SKIP_SUBTREE;
              }
              ignore.enter(dir);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
              if (attrs.isRegularFile()
                  && !ignore.ignored(file, false)
                  && accept.test(file)
                  && !file.getFileName().toString().equals(".gitignore")) {
                add(base, file, found, skipped, own);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("review: cannot read " + root + ": " + e.getMessage(), e);
    }
  }

  private static void add(
      Path base, Path file, Map<String, SourceFile> found, List<String> skipped, Set<Path> own) {
    String shown = display(base, file);
    if (own.contains(file.toAbsolutePath().normalize())) {
      skipped.add(shown + ": an output of this run");
      return;
    }
    try {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        skipped.add(shown + ": larger than 1 MiB");
        return;
      }
      byte[] bytes = Files.readAllBytes(file);
      for (int i = 0; i < Math.min(bytes.length, 8192); i++) {
        if (bytes[i] == 0) {
          skipped.add(shown + ": binary");
          return;
        }
      }
      String text =
          StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      if (isChorusOutput(text)) {
        skipped.add(shown + ": a Chorus report (an earlier run's output)");
        return;
      }
      found.put(shown, new SourceFile(shown, languageOf(shown), text.lines().toList()));
    } catch (MalformedInputException e) {
      skipped.add(shown + ": not UTF-8 text");
    } catch (NoSuchFileException e) {
      skipped.add(shown + ": vanished while reading");
    } catch (IOException e) {
      skipped.add(shown + ": " + e.getMessage());
    }
  }

  /**
   * Whether a file begins as a report Chorus writes: a review's Markdown or SARIF, a run report.
   */
  static boolean isChorusOutput(String text) {
    String head = text.length() > 400 ? text.substring(0, 400) : text;
    return head.startsWith("# Security Code Review\n")
        || head.startsWith("# Chorus run: ")
        || (head.startsWith("<!DOCTYPE html>") && head.contains("<title>Chorus run: "))
        || (head.contains("\"$schema\" : \"" + ReviewReport.SARIF_SCHEMA + "\"")
            && head.contains("\"name\" : \"Chorus\""));
  }

  private static String display(Path base, Path file) {
    Path abs = file.toAbsolutePath().normalize();
    Path b = base.toAbsolutePath().normalize();
    Path shown = abs.startsWith(b) ? b.relativize(abs) : abs;
    return shown.toString().replace('\\', '/');
  }

  private static Map<String, String> languages() {
    Map<String, String> m = new TreeMap<>();
    String[][] pairs = {
      {"py", "python"},
      {"java", "java"},
      {"kt", "kotlin"},
      {"js", "javascript"},
      {"mjs", "javascript"},
      {"ts", "typescript"},
      {"tsx", "typescript"},
      {"jsx", "javascript"},
      {"go", "go"},
      {"rs", "rust"},
      {"rb", "ruby"},
      {"php", "php"},
      {"cs", "csharp"},
      {"c", "c"},
      {"h", "c"},
      {"cpp", "cpp"},
      {"cc", "cpp"},
      {"hpp", "cpp"},
      {"swift", "swift"},
      {"scala", "scala"},
      {"sh", "shell"},
      {"bash", "shell"},
      {"sql", "sql"},
      {"html", "html"},
      {"htm", "html"},
      {"jinja", "html"},
      {"j2", "html"},
      {"vue", "vue"},
      {"yaml", "yaml"},
      {"yml", "yaml"},
      {"tf", "terraform"},
      {"xml", "xml"},
      {"json", "json"}
    };
    for (String[] p : pairs) {
      m.put(p[0], p[1]);
    }
    return m;
  }
}
