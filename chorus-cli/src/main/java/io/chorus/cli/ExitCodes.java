package io.chorus.cli;

/** The process exit codes of {@code chorus}, documented in every command's help and in the README. */
public final class ExitCodes {

  /** Everything worked. */
  public static final int OK = 0;

  /** The run failed under its failure policy, or a review found problems over its threshold. */
  public static final int RUN_FAILED = 1;

  /** The command line is wrong: unknown command or option, bad value, missing or unreadable input file. */
  public static final int USAGE = 2;

  /** A configuration file or environment variable is invalid or unreadable. */
  public static final int CONFIG = 3;

  /** The provider cannot be used: bad key, quota gone, unreachable. */
  public static final int PROVIDER_UNAVAILABLE = 4;

  /** Interrupted (Ctrl-C). */
  public static final int INTERRUPTED = 130;

  /** A bug in chorus: please report it with the output of --verbose. */
  public static final int INTERNAL = 70;

  /** Help footer listing the codes. */
  public static final String FOOTER = String.join("%n",
      "",
      "Exit codes:",
      "  0    ok",
      "  1    the run failed under its failure policy (or findings over the threshold)",
      "  2    usage error: unknown command or option, bad value, missing input file",
      "  3    configuration error (chorus.yaml or environment)",
      "  4    provider unavailable: bad key, quota exhausted, unreachable",
      "  70   internal error (rerun with --verbose and report it)",
      "  130  interrupted",
      "");

  private ExitCodes() {}
}
