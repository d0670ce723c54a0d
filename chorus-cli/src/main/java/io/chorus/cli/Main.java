package io.chorus.cli;

import io.chorus.config.ConfigException;
import io.chorus.core.ProviderError;
import io.chorus.core.ProviderException;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The {@code chorus} command line. {@link #run} executes in process (tests capture its output
 * through the {@link CliContext}); {@link #main} exits the JVM with the exit code.
 *
 * <p>Errors never print a stack trace unless {@code --verbose} is given: a usage error prints the
 * message, picocli's suggestions for a typo and a hint (exit 2); a configuration error prints the
 * file, line and key (exit 3); a provider that cannot be used exits 4.
 */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    Interruption.installSignalHandler();
    int code = run(CliContext.system(), args);
    System.out.flush();
    System.exit(code);
  }

  /** Runs {@code chorus args} in process and returns the exit code. */
  public static int run(CliContext context, String... args) {
    if (args.length == 1 && (args[0].equals("--version") || args[0].equals("-V"))) {
      // the same lines picocli prints, without building the command tree first: that loads every
      // command's classes (picocli, Jackson, JDBC: 1,500 classes, ~0.3 s of CPU) to print two lines
      for (String line : new VersionProvider().getVersion()) {
        context.out().println(line);
      }
      context.out().flush();
      return ExitCodes.OK;
    }
    CommandLine cl = commandLine(context);
    if (args.length > 0 && !args[0].startsWith("-") && !cl.getSubcommands().containsKey(args[0])) {
      // picocli answers "chorus NAME --help" with the top-level help and exit 0 when NAME is no
      // command: an unknown command is a usage error whatever follows it
      try {
        return cl.getParameterExceptionHandler()
            .handleParseException(new UnmatchedArgumentException(cl, List.of(args[0])), args);
      } catch (Exception e) {
        return ExitCodes.USAGE;
      }
    }
    return cl.execute(args);
  }

  /** The configured picocli command line (for completion scripts and tests). */
  public static CommandLine commandLine(CliContext context) {
    CommandLine cl = new CommandLine(new ChorusCommand(context));
    cl.setOut(context.out());
    cl.setErr(context.err());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setAbbreviatedOptionsAllowed(false);
    cl.setUsageHelpWidth(120);
    cl.setUsageHelpAutoWidth(true);
    cl.setParameterExceptionHandler(parameterHandler());
    cl.setExecutionExceptionHandler(executionHandler());
    cl.setExitCodeExceptionMapper(
        t -> t instanceof CliException c ? c.exitCode() : ExitCodes.INTERNAL);
    appendFooter(cl);
    return cl;
  }

  private static void appendFooter(CommandLine cl) {
    var usage = cl.getCommandSpec().usageMessage();
    usage.description(paragraphs(usage.description()));
    String[] footer = usage.footer();
    String[] withCodes = java.util.Arrays.copyOf(footer, footer.length + 1);
    withCodes[footer.length] = ExitCodes.FOOTER;
    usage.footer(withCodes);
    for (CommandLine sub : cl.getSubcommands().values()) {
      if (sub.getCommandSpec().userObject() instanceof CommandLine.HelpCommand) {
        continue;
      }
      appendFooter(sub);
    }
  }

  /**
   * Joins description lines that continue a sentence, so that picocli wraps each paragraph to the
   * terminal instead of breaking the source's line ends twice.
   */
  static String[] paragraphs(String[] lines) {
    List<String> out = new java.util.ArrayList<>();
    StringBuilder cur = new StringBuilder();
    for (String l : lines) {
      if (!cur.isEmpty()) {
        cur.append(' ');
      }
      cur.append(l.strip());
      String t = l.strip();
      if (t.endsWith(".") || t.endsWith(":") || t.endsWith(".)")) {
        out.add(cur.toString());
        cur.setLength(0);
      }
    }
    if (!cur.isEmpty()) {
      out.add(cur.toString());
    }
    return out.toArray(String[]::new);
  }

  private static IParameterExceptionHandler parameterHandler() {
    return (ParameterException ex, String[] args) -> {
      CommandLine cl = ex.getCommandLine();
      PrintWriter err = cl.getErr();
      if (ex instanceof UnmatchedArgumentException u && u.isUnknownOption()) {
        err.println("chorus: unknown option '" + u.getUnmatched().get(0) + "'");
      } else if (ex instanceof UnmatchedArgumentException u && !cl.getSubcommands().isEmpty()) {
        err.println("chorus: unknown command '" + u.getUnmatched().get(0) + "'");
      } else {
        err.println("chorus: " + ex.getMessage());
      }
      List<String> close =
          ex instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
              ? Suggestions.near(u.getUnmatched().get(0), cl)
              : List.of();
      if (!close.isEmpty()) {
        err.println("Did you mean: " + String.join(" or ", close) + "?");
      } else {
        UnmatchedArgumentException.printSuggestions(ex, err);
      }
      err.println("Try '" + cl.getCommandSpec().qualifiedName() + " --help' for more information.");
      err.flush();
      return ExitCodes.USAGE;
    };
  }

  private static IExecutionExceptionHandler executionHandler() {
    return (Exception ex, CommandLine cl, ParseResult parsed) -> {
      PrintWriter err = cl.getErr();
      boolean verbose =
          cl.getCommand() instanceof ChorusSubcommand s && s.global != null && s.global.verbose;
      int code;
      String message;
      Throwable t = ex;
      if (t instanceof java.util.concurrent.ExecutionException && t.getCause() != null) {
        t = t.getCause();
      }
      switch (t) {
        case CliException c -> {
          code = c.exitCode();
          message = c.getMessage();
        }
        case io.chorus.config.UnknownProviderException u -> {
          code = ExitCodes.USAGE;
          message = u.getMessage();
        }
        case ConfigException c -> {
          code = ExitCodes.CONFIG;
          message = "configuration error: " + c.getMessage();
        }
        case ProviderException p -> {
          code = exitCode(p.error());
          message = "provider error: " + p.getMessage();
        }
        case InterruptedException i -> {
          code = ExitCodes.INTERRUPTED;
          message = "interrupted";
        }
        case java.io.UncheckedIOException io -> {
          code = ExitCodes.USAGE;
          message = "I/O error: " + io.getCause().getMessage();
        }
        case java.io.IOException io -> {
          code = ExitCodes.USAGE;
          message = "I/O error: " + io.getMessage();
        }
        default -> {
          code = ExitCodes.INTERNAL;
          message =
              "internal error: "
                  + t.getClass().getSimpleName()
                  + ": "
                  + t.getMessage()
                  + (verbose ? "" : " (rerun with --verbose for details)");
        }
      }
      err.println("chorus: " + message);
      if (verbose) {
        t.printStackTrace(err);
      }
      err.flush();
      return code;
    };
  }

  /** {@link #unavailable} by {@link ProviderError#kind()}, for results that keep only the kind. */
  static boolean unavailableKind(String kind) {
    return kind != null
        && java.util.Set.of(
                "authentication", "permission_denied", "quota_exhausted", "connection_failed")
            .contains(kind);
  }

  /**
   * The exit code of a call that failed for good with {@code e}: a model the provider does not have
   * is a bad value (2, as a typo in a model name fails online and offline alike); a bad key,
   * exhausted quota or unreachable host is provider unavailable (4); anything else failed the run
   * (1).
   */
  static int exitCode(ProviderError e) {
    if (e instanceof ProviderError.NotFound || e instanceof ProviderError.ContextTooLong) {
      return ExitCodes
          .USAGE; // a model that does not exist, an input too long for it: the user's to fix
    }
    return unavailable(e) ? ExitCodes.PROVIDER_UNAVAILABLE : ExitCodes.RUN_FAILED;
  }

  /**
   * Whether an error means the provider cannot be used at all (exit 4) rather than one call failed.
   */
  static boolean unavailable(ProviderError e) {
    return ProviderHealth.unavailable(e);
  }
}
