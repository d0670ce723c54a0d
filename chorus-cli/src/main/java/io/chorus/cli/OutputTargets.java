package io.chorus.cli;

import io.chorus.report.Reports;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Checks every output a command was asked to write — {@code --out}, {@code --report}, {@code
 * --sarif}, {@code --json FILE}, {@code --log-file} — before the command runs, so that a bad path
 * or format is a usage error (exit 2) before the first call is paid for, not after it. One check
 * for every command: {@link ChorusSubcommand#call()} runs it on the parsed options.
 *
 * <p>A file output must not be a folder, must be writable if it exists, and its nearest existing
 * ancestor must be a writable folder (the missing ones are created when written). An option whose
 * parameter is a {@code DIR} must be a folder or creatable as one. {@code --report} must end in a
 * format {@link Reports} writes.
 */
final class OutputTargets {
  private static final Set<String> OUTPUTS = Set.of("--out", "--report", "--sarif", "--log-file");

  private OutputTargets() {}

  static void check(CommandSpec spec, GlobalOptions global, Path cwd) {
    for (OptionSpec o : spec.options()) {
      if (OUTPUTS.contains(o.longestName()) && o.getValue() instanceof Path p) {
        checkOne(o.longestName(), p, "DIR".equals(o.paramLabel()), cwd);
        if (o.longestName().equals("--report")) {
          try {
            Reports.checkFormat(p);
          } catch (IllegalArgumentException e) {
            throw new CliException(ExitCodes.USAGE, e.getMessage());
          }
        }
      }
    }
    if (global != null && global.jsonFile != null) {
      checkOne("--json", global.jsonFile, false, cwd);
    }
  }

  private static void checkOne(String option, Path given, boolean folder, Path cwd) {
    Path f = (given.isAbsolute() ? given : cwd.resolve(given)).toAbsolutePath().normalize();
    if (folder) {
      if (Files.exists(f) && !Files.isDirectory(f)) {
        throw usage(option, given, "it is a file, not a folder");
      }
    } else {
      if (Files.isDirectory(f)) {
        throw new CliException(
            ExitCodes.USAGE, option + " " + given + " is a directory; give a file name");
      }
      if (Files.exists(f) && !Files.isWritable(f)) {
        throw usage(option, given, "the file is not writable");
      }
    }
    Path ancestor = folder && Files.isDirectory(f) ? f : f.getParent();
    while (ancestor != null && !Files.exists(ancestor)) {
      ancestor = ancestor.getParent();
    }
    if (ancestor == null || !Files.isDirectory(ancestor)) {
      throw usage(option, given, "cannot create it: " + ancestor + " is not a folder");
    }
    if (!Files.isWritable(ancestor)) {
      throw usage(option, given, "cannot create it: the folder " + ancestor + " is not writable");
    }
  }

  private static CliException usage(String option, Path given, String why) {
    return new CliException(ExitCodes.USAGE, option + " " + given + ": " + why);
  }
}
