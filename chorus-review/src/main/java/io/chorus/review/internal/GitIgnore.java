package io.chorus.review.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The {@code .gitignore} rules that apply while walking a folder. Written by hand because the JDK
 * has no gitignore matcher and JGit is a large dependency for a few dozen lines of rules: patterns
 * become regular expressions with git's meaning of {@code *}, {@code **}, {@code ?}, anchoring and
 * {@code !}. Later rules win, as in git. Not thread-safe: one per walk.
 */
public final class GitIgnore {
  private record Rule(Path dir, Pattern pattern, boolean negate, boolean dirOnly) {}

  private final List<Rule> rules = new ArrayList<>();

  private GitIgnore() {}

  /**
   * Rules of {@code root}'s parents' .gitignore files (up to the repository or file-system root).
   */
  public static GitIgnore forRoot(Path root) {
    GitIgnore g = new GitIgnore();
    List<Path> parents = new ArrayList<>();
    Path p = root.toAbsolutePath().normalize().getParent();
    while (p != null) {
      parents.add(0, p);
      if (Files.isDirectory(p.resolve(".git"))) {
        break;
      }
      p = p.getParent();
    }
    if (!parents.isEmpty() && !Files.isDirectory(parents.get(0).resolve(".git"))) {
      parents.clear(); // not in a repository: only the walked folders' own files count
    }
    for (Path parent : parents) {
      g.enter(parent);
    }
    return g;
  }

  /** Reads {@code dir/.gitignore}, if any; its rules apply below {@code dir}. */
  public void enter(Path dir) {
    Path file = dir.resolve(".gitignore");
    if (!Files.isRegularFile(file)) {
      return;
    }
    try {
      for (String raw : Files.readAllLines(file)) {
        String line = raw.strip();
        if (line.isEmpty() || line.startsWith("#")) {
          continue;
        }
        boolean negate = line.startsWith("!");
        if (negate) {
          line = line.substring(1);
        }
        boolean dirOnly = line.endsWith("/");
        if (dirOnly) {
          line = line.substring(0, line.length() - 1);
        }
        boolean anchored = line.startsWith("/") || line.contains("/");
        if (line.startsWith("/")) {
          line = line.substring(1);
        }
        String regex = (anchored ? "" : "(?:.*/)?") + toRegex(line) + "(?:/.*)?";
        rules.add(
            new Rule(dir.toAbsolutePath().normalize(), Pattern.compile(regex), negate, dirOnly));
      }
    } catch (IOException e) {
      // an unreadable .gitignore ignores nothing; the walk itself reports unreadable files
    }
  }

  /** Whether {@code path} is ignored by the rules read so far. */
  public boolean ignored(Path path, boolean isDir) {
    Path abs = path.toAbsolutePath().normalize();
    boolean ignored = false;
    for (Rule r : rules) {
      if (!abs.startsWith(r.dir) || abs.equals(r.dir)) {
        continue;
      }
      String rel = r.dir.relativize(abs).toString().replace('\\', '/');
      if (r.dirOnly && !isDir && !r.pattern.matcher(rel).matches()) {
        continue;
      }
      if (r.dirOnly && !isDir) {
        // "build/" ignores files under build/ (the (?:/.*)? tail) but not a file named build
        if (!rel.contains("/")) {
          continue;
        }
      }
      if (r.pattern.matcher(rel).matches()) {
        ignored = !r.negate;
      }
    }
    return ignored;
  }

  private static String toRegex(String glob) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      if (c == '*') {
        if (i + 1 < glob.length() && glob.charAt(i + 1) == '*') {
          sb.append(".*");
          i++;
          if (i + 1 < glob.length() && glob.charAt(i + 1) == '/') {
            i++;
            sb.append("/?");
          }
        } else {
          sb.append("[^/]*");
        }
      } else if (c == '?') {
        sb.append("[^/]");
      } else if ("\\.[]{}()+-^$|".indexOf(c) >= 0) {
        sb.append('\\').append(c);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }
}
