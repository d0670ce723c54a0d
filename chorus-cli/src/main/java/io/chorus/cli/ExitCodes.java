package io.chorus.cli;

/**
 * The process exit codes of {@code chorus}, documented in every command's help and in the README.
 */
public final class ExitCodes {

  /** Everything worked. */
  public static final int OK = 0;

  /** The run failed under its failure policy, or a review found problems over its threshold. */
  public static final int RUN_FAILED = 1;

  /**
   * The command line is wrong: unknown command or option, bad value, missing or unreadable input
   * file.
   */
  public static final int USAGE = 2;

  /** A configuration file or environment variable is invalid or unreadable. */
  public static final int CONFIG = 3;

  /** The provider cannot be used: bad key, quota gone, unreachable. */
  public static final int PROVIDER_UNAVAILABLE = 4;

  /**
   * The result is degraded: some participants' calls failed (a review with fewer reviewers
   * answering than its threshold, or any reviewer failing under {@code --fail-on}; a deliberation
   * or vote that lost participants). The report says who failed and why at its top.
   */
  public static final int DEGRADED = 5;

  /**
   * The run stopped admitting calls because its budget ({@code --max-cost}, {@code budget:}) was
   * reached.
   */
  public static final int BUDGET_EXHAUSTED = 6;

  /**
   * A durable store (batch journal, PostgreSQL) failed mid-run: admission stopped, responses
   * already received were kept (retried, or spilled to a file the message names). Also a batch
   * journal that fails (disk full) while the batch is planned, before any call: nothing was paid.
   */
  public static final int STORE_FAILED = 7;

  /** Interrupted (Ctrl-C). */
  public static final int INTERRUPTED = 130;

  /** A bug in chorus: please report it with the output of --verbose. */
  public static final int INTERNAL = 70;

  /** Help footer listing the codes. */
  public static final String FOOTER =
      String.join(
          "%n",
          "",
          "Exit codes:",
          "  0    ok",
          "  1    the run failed under its failure policy (or findings over the threshold)",
          "  2    usage error: unknown command or option, bad value, missing input file",
          "  3    configuration error (chorus.yaml or environment)",
          "  4    provider unavailable: bad key, quota exhausted, unreachable, unusable responses (every call)",
          "  5    degraded: some participants failed; the report names them",
          "  6    budget reached (--max-cost): the run stopped admitting calls",
          "  7    store failed mid-run: responses kept in the spill file named (or while planning: nothing paid)",
          "  70   internal error (rerun with --verbose and report it)",
          "  130  interrupted (Ctrl-C): what was answered is written; a second Ctrl-C cancels calls in flight",
          "");

  private ExitCodes() {}
}
