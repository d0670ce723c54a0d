package io.chorus.advisor;

import io.chorus.advisor.internal.ProfileParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Interactive mode: asks the advisor's questions one at a time and builds a {@link
 * WorkloadProfile}. An empty answer takes the default shown in brackets; a bad answer is explained
 * and the question asked again. Input and output are injected, so tests script it. Not thread-safe.
 *
 * {@snippet :
 * WorkloadProfile p = Questionnaire.onStandardStreams().ask();
 * }
 */
public final class Questionnaire {
  private final BufferedReader in;
  private final PrintStream out;
  private final int defaultCores;

  /** A questionnaire reading answers from {@code in} and printing questions to {@code out}. */
  public Questionnaire(BufferedReader in, PrintStream out) {
    this(in, out, Runtime.getRuntime().availableProcessors());
  }

  /** As above, with the default offered for the CPU cores question. */
  public Questionnaire(BufferedReader in, PrintStream out, int defaultCores) {
    this.in = Objects.requireNonNull(in);
    this.out = Objects.requireNonNull(out);
    this.defaultCores = defaultCores;
  }

  /** On System.in / System.out (the terminal's charset). */
  public static Questionnaire onStandardStreams() {
    Charset cs = System.console() != null ? System.console().charset() : Charset.defaultCharset();
    return new Questionnaire(new BufferedReader(new InputStreamReader(System.in, cs)), System.out);
  }

  /**
   * Asks every question and returns the profile.
   *
   * @throws ProfileException when the input ends before a question is answered (names the field)
   */
  public WorkloadProfile ask() {
    out.println(
        "Chorus concurrency advisor: a few questions about your workload (Enter takes the [default]).");
    Map<String, Object> a = new LinkedHashMap<>();
    WorkloadType type =
        question(
            "workloadType",
            "What does the work spend its time on: waiting on the network/disk/database (io-bound), computing (cpu-bound), or both (mixed)?",
            null,
            WorkloadType::parse);
    a.put("workloadType", type.label());
    a.put(
        "concurrency",
        question(
            "concurrency",
            "How many tasks could run at the same time (e.g. 1, 10, 100, 1000)?",
            null,
            t -> whole(t, 1)));
    a.put(
        "latencyMs",
        question(
            "latencyMs",
            "Latency requirement per task or request, in ms (0 = none)?",
            "0",
            t -> whole(t, 0)));
    a.put(
        "memoryBudgetMb",
        question(
            "memoryBudgetMb",
            "Memory budget for this work, in MB (0 = no budget)?",
            "0",
            t -> whole(t, 0)));
    a.put(
        "cpuCores",
        question(
            "cpuCores",
            "How many CPU cores can it use?",
            Integer.toString(defaultCores),
            t -> whole(t, 1)));
    a.put(
        "expensiveStartup",
        yesNo(
            "expensiveStartup",
            "Does each worker have an expensive start-up (loading a model, warming a cache)?"));
    a.put("sharedState", yesNo("sharedState", "Do the tasks share mutable in-memory state?"));
    a.put(
        "isolation",
        yesNo(
            "isolation",
            "Do tasks need isolation, so a crash or leak in one cannot affect the others?"));
    a.put(
        "blockingLibraries",
        yesNo(
            "blockingLibraries",
            "Does the code call libraries that block the OS thread (JNI/native drivers, synchronized I/O)?"));
    if (type != WorkloadType.CPU_BOUND) {
      a.put(
          "rateLimitedApi",
          yesNo("rateLimitedApi", "Does the I/O go to a remote API with rate limits or quotas?"));
    }
    return WorkloadProfile.fromMap(a);
  }

  private Boolean yesNo(String field, String prompt) {
    return question(
        field,
        prompt + " (y/n)",
        "n",
        t -> {
          Boolean b = ProfileParser.parseYesNo(t);
          if (b == null) throw new IllegalArgumentException("answer y or n");
          return b;
        });
  }

  private static Long whole(String text, long min) {
    long n;
    try {
      n = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a whole number, got \"" + text.trim() + "\"");
    }
    if (n < min) throw new IllegalArgumentException("must be at least " + min);
    return n;
  }

  private <T> T question(String field, String prompt, String dflt, Function<String, T> parse) {
    while (true) {
      out.print(prompt + (dflt == null ? " " : " [" + dflt + "] "));
      out.flush();
      String line;
      try {
        line = in.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException("reading the answer for " + field, e);
      }
      if (line == null)
        throw new ProfileException(field, "the input ended before this question was answered");
      String text = line.isBlank() && dflt != null ? dflt : line;
      if (text.isBlank()) {
        out.println("  ! an answer is required");
        continue;
      }
      try {
        return parse.apply(text);
      } catch (IllegalArgumentException e) {
        out.println("  ! " + e.getMessage());
      }
    }
  }
}
