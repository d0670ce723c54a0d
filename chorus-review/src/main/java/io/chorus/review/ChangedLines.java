package io.chorus.review;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The lines a change added or modified, per file, from a unified diff ({@code git diff
 * --unified=0}). A review restricted to them ({@link SourceSet#onlyChanged}) sends only the chunks
 * that overlap a changed line, so a pull request's review costs what its change is, not what its
 * files are. Deleted lines have no place in the new file and are not reviewed.
 *
 * @param range what the lines were taken from, as the report names it ({@code main..HEAD})
 * @param lines per file path (relative to the repository root, {@code /}-separated), the changed
 *     line ranges of the new file, each {@code [first, last]} from 1
 */
public record ChangedLines(String range, Map<String, List<int[]>> lines) {

  private static final Pattern FILE = Pattern.compile("^\\+\\+\\+ (?:b/)?(.+?)\\s*$");
  private static final Pattern HUNK =
      Pattern.compile("^@@ -\\d+(?:,\\d+)? \\+(\\d+)(?:,(\\d+))? @@.*$");

  public ChangedLines {
    Map<String, List<int[]>> copy = new LinkedHashMap<>();
    lines.forEach((k, v) -> copy.put(k, List.copyOf(v)));
    lines = java.util.Collections.unmodifiableMap(copy);
  }

  /** The changed files, in diff order. */
  public List<String> files() {
    return List.copyOf(lines.keySet());
  }

  /** True when {@code chunk} holds at least one changed line of its file. */
  public boolean touches(CodeChunk chunk) {
    List<int[]> r = lines.get(chunk.file().replace('\\', '/'));
    if (r == null) {
      return false;
    }
    for (int[] x : r) {
      if (x[0] <= chunk.lastLine() && x[1] >= chunk.firstLine()) {
        return true;
      }
    }
    return false;
  }

  /** The lines of a unified diff; files deleted by it ({@code +++ /dev/null}) have none. */
  public static ChangedLines parse(String range, String unifiedDiff) {
    Map<String, List<int[]>> out = new LinkedHashMap<>();
    String file = null;
    for (String line : unifiedDiff.split("\n")) {
      Matcher f = FILE.matcher(line);
      if (f.matches()) {
        file = f.group(1).equals("/dev/null") ? null : f.group(1);
        if (file != null) {
          out.putIfAbsent(file, new ArrayList<>());
        }
        continue;
      }
      Matcher h = HUNK.matcher(line);
      if (h.matches() && file != null) {
        int start = Integer.parseInt(h.group(1));
        int count = h.group(2) == null ? 1 : Integer.parseInt(h.group(2));
        if (count > 0) {
          out.get(file).add(new int[] {start, start + count - 1});
        }
      }
    }
    out.values().removeIf(List::isEmpty);
    return new ChangedLines(range, out);
  }

  /**
   * The lines {@code range} changed in the git repository at {@code repo}: {@code BASE..HEAD}
   * between two commits, or one commit-ish alone for the work tree against it (a pre-commit hook's
   * {@code HEAD}), from {@code git diff --unified=0} run as a process (the user's git, so their
   * repository's configuration applies).
   *
   * @throws IllegalArgumentException when git is missing, {@code repo} is no repository or the
   *     range names no commit (git's own message)
   */
  public static ChangedLines fromGit(Path repo, String range) throws IOException {
    if (range.isBlank() || range.startsWith("-")) {
      throw new IllegalArgumentException(
          "--diff: expected BASE..HEAD (e.g. origin/main..HEAD), was '" + range + "'");
    }
    String spec = range;
    ProcessBuilder pb =
        new ProcessBuilder(
                "git",
                "-c",
                "core.quotepath=off",
                "diff",
                "--unified=0",
                "--no-color",
                "--no-ext-diff",
                "--diff-filter=d",
                spec,
                "--")
            .directory(repo.toFile())
            .redirectErrorStream(false);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      throw new IllegalArgumentException("--diff: cannot run git (" + e.getMessage() + ")", e);
    }
    p.getOutputStream().close();
    var err = new java.util.concurrent.CompletableFuture<String>();
    Thread.ofVirtual()
        .start(
            () -> {
              try {
                err.complete(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
              } catch (IOException e) {
                err.complete("");
              }
            });
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalArgumentException("--diff: git diff " + spec + " did not finish in 60 s");
      }
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while git diff ran", e);
    }
    if (p.exitValue() != 0) {
      String msg = err.join().strip();
      throw new IllegalArgumentException(
          "--diff "
              + range
              + ": git diff failed: "
              + (msg.isEmpty() ? "exit " + p.exitValue() : msg.lines().findFirst().orElse(msg)));
    }
    return parse(range.contains("..") ? range : range + " (work tree)", out);
  }
}
