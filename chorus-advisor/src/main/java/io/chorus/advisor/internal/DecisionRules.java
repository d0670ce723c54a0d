package io.chorus.advisor.internal;

import io.chorus.advisor.Alternative;
import io.chorus.advisor.Approach;
import io.chorus.advisor.BenchFigures;
import io.chorus.advisor.Expectation;
import io.chorus.advisor.FiredRule;
import io.chorus.advisor.Reading;
import io.chorus.advisor.Recommendation;
import io.chorus.advisor.WorkloadProfile;
import io.chorus.advisor.WorkloadType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The decision rules. Each rule has a stable id and one sentence; the order below is the order of
 * precedence: one-at-a-time, then isolation, then the workload type, then the constraints (rate
 * limit, memory, latency, shared state, start-up), then the measured figures, which can overrule a
 * choice that this machine measured as slower than sequential.
 */
public final class DecisionRules {
  /** Concurrency from which OS threads per task stop being reasonable. */
  static final int MANY_TASKS = 1000;

  /** Latency below which a child JVM's start-up must not be on the request path. */
  static final long TIGHT_LATENCY_MS = 1000;

  /**
   * The JVM's default thread stack reservation on 64-bit Linux (-Xss), in MB; a JVM default, not a
   * measurement.
   */
  static final double PLATFORM_STACK_MB = 1.0;

  private DecisionRules() {}

  public static Recommendation decide(WorkloadProfile p, BenchFigures figures) {
    List<FiredRule> rules = new ArrayList<>();
    Approach choice;
    int cores = p.cpuCores();
    int c = p.concurrency();

    if (c == 1) {
      rules.add(
          new FiredRule(
              "SEQ-1",
              "Concurrency is 1: there is nothing to overlap, so the sequential baseline is the fastest and simplest approach."));
      choice = Approach.SEQUENTIAL;
    } else if (p.isolation()) {
      rules.add(
          new FiredRule(
              "ISO-1",
              "Tasks need isolation (crash, memory or native-code containment): only separate processes give it; threads share one heap and one fate."));
      choice = Approach.PROCESSES;
    } else {
      choice =
          switch (p.workloadType()) {
            case IO_BOUND -> io(p, rules);
            case CPU_BOUND -> cpu(p, rules, cores);
            case MIXED -> mixed(p, rules, cores);
          };
    }

    if (c > 1 && p.rateLimitedApi() && p.workloadType() != WorkloadType.CPU_BOUND)
      rules.add(
          new FiredRule(
              "RATE-1",
              "The remote API is rate-limited: bound the calls in flight with a Semaphore (and pace them to the quota), or unbounded concurrency bursts into 429s."));
    if (choice == Approach.PROCESSES) processConstraints(p, figures, rules);
    if (p.sharedState() && choice != Approach.PROCESSES && choice != Approach.SEQUENTIAL)
      rules.add(
          new FiredRule(
              "SHARE-1",
              "Tasks share in-memory state: threads share one heap, so keep it in concurrent structures (ConcurrentHashMap, atomics) guarded by ReentrantLock rather than synchronized, or partition it per task."));
    if (p.expensiveStartup() && choice != Approach.PROCESSES && choice != Approach.SEQUENTIAL)
      rules.add(
          new FiredRule(
              "START-1",
              "Start-up is expensive: one JVM pays it once and every thread reuses it, which is a reason to prefer threads over processes."));
    memory(p, figures, choice, rules);

    if (choice != Approach.SEQUENTIAL && !p.isolation()) {
      Expectation e = figures.expect(p.workloadType(), choice);
      boolean busy = figures.report().map(r -> r.busy()).orElse(false);
      if (e.measured() && e.reading() == Reading.DONT_USE && busy) {
        rules.add(
            new FiredRule(
                "MEAS-3",
                String.format(
                    Locale.ROOT,
                    "The benchmark measured %s at %s of sequential, but on a busy machine (load above the cores), so that figure does not overrule the rules; re-run chorus bench on a quiet machine.",
                    choice.id(),
                    ReportTable.speedup(e.speedup()))));
      } else if (e.measured() && e.reading() == Reading.DONT_USE) {
        rules.add(
            new FiredRule(
                "MEAS-1",
                String.format(
                    Locale.ROOT,
                    "This machine measured %s at %s of sequential for %s work (below 1.0: don't use), so stay sequential until a benchmark of your own workload says otherwise.",
                    choice.id(),
                    ReportTable.speedup(e.speedup()),
                    p.workloadType().label())));
        choice = Approach.SEQUENTIAL;
      } else if (e.measured() && e.reading() == Reading.NOT_JUSTIFIED) {
        rules.add(
            new FiredRule(
                "MEAS-2",
                String.format(
                    Locale.ROOT,
                    "This machine measured only %s for %s on the %s kernel (1.0-1.2: overhead not justified for small work); it pays off only when your tasks are larger.",
                    ReportTable.speedup(e.speedup()),
                    choice.id(),
                    p.workloadType().label())));
      }
    }

    if (choice != Approach.SEQUENTIAL) {
      Approach chosen = choice;
      figures
          .expectOnSmallWork(p.workloadType(), choice)
          .filter(
              small ->
                  small.reading() == Reading.DONT_USE || small.reading() == Reading.NOT_JUSTIFIED)
          .ifPresent(
              small ->
                  rules.add(
                      new FiredRule(
                          "MEAS-4",
                          String.format(
                              Locale.ROOT,
                              "On small work this machine measured %s at %s of sequential (%s): batches that small should stay sequential; the gain comes with size.",
                              chosen.id(),
                              ReportTable.speedup(small.speedup()),
                              small.reading().sentence()))));
    }
    Expectation expectation =
        choice == Approach.SEQUENTIAL
            ? new Expectation(1.0, null, 0.0, "the sequential baseline itself (1.0x by definition)")
            : figures.expect(p.workloadType(), choice);
    List<Alternative> alternatives = alternatives(p, figures, choice);
    return new Recommendation(
        p,
        choice,
        Guidance.summary(choice, p),
        rules,
        expectation,
        alternatives,
        Guidance.migration(choice, p),
        Guidance.pitfalls(choice, p));
  }

  private static Approach io(WorkloadProfile p, List<FiredRule> rules) {
    if (p.blockingLibraries()) {
      rules.add(
          new FiredRule(
              "IO-3",
              "The I/O goes through libraries that block the OS thread (JNI, native drivers, synchronized I/O before JDK 24): they pin virtual threads to the few carriers, so a bounded platform pool sized to the concurrency does the waiting."));
      return Approach.BOUNDED_PLATFORM_POOL;
    }
    rules.add(
        new FiredRule(
            "IO-1",
            "I/O-bound with "
                + p.concurrency()
                + " tasks that can run at once: a virtual thread parks while it waits, costing a little heap instead of an OS thread, so all of them can wait together."));
    if (p.concurrency() >= MANY_TASKS)
      rules.add(
          new FiredRule(
              "IO-2",
              "At "
                  + p.concurrency()
                  + " concurrent waits a platform pool would need as many OS threads (each reserving a stack); virtual threads scale to that."));
    return Approach.VIRTUAL_THREADS;
  }

  private static Approach cpu(WorkloadProfile p, List<FiredRule> rules, int cores) {
    if (cores == 1) {
      rules.add(
          new FiredRule(
              "CPU-1",
              "CPU-bound on 1 core: there is no parallel hardware, so extra threads only add switching; stay sequential."));
      return Approach.SEQUENTIAL;
    }
    if (p.blockingLibraries()) {
      rules.add(
          new FiredRule(
              "CPU-3",
              "CPU work that also blocks must stay out of the common ForkJoinPool (it would starve every parallel stream and CompletableFuture in the JVM): use a bounded platform pool of one thread per core."));
      return Approach.BOUNDED_PLATFORM_POOL;
    }
    rules.add(
        new FiredRule(
            "CPU-2",
            "CPU-bound on "
                + cores
                + " cores: JVM threads run truly in parallel (there is no GIL), so a parallel stream on the ForkJoinPool uses every core without processes' start-up and copying."));
    return Approach.FORK_JOIN;
  }

  private static Approach mixed(WorkloadProfile p, List<FiredRule> rules, int cores) {
    if (p.blockingLibraries()) {
      rules.add(
          new FiredRule(
              "MIX-3",
              "Mixed work through libraries that block the OS thread: virtual threads would pin, so one bounded platform pool sized to the concurrency does both the waiting and the computing."));
      return Approach.BOUNDED_PLATFORM_POOL;
    }
    if (cores == 1) {
      rules.add(
          new FiredRule(
              "MIX-2",
              "Mixed work on 1 core: only the waiting can overlap, so virtual threads alone are enough; a CPU pool of one thread adds nothing."));
      return Approach.VIRTUAL_THREADS;
    }
    rules.add(
        new FiredRule(
            "MIX-1",
            "Mixed work on "
                + cores
                + " cores: virtual threads overlap the waiting, and a bounded pool of "
                + cores
                + " platform threads does the computing so CPU work never hogs the virtual threads' carriers."));
    return Approach.HYBRID;
  }

  private static void processConstraints(
      WorkloadProfile p, BenchFigures figures, List<FiredRule> rules) {
    if (p.expensiveStartup())
      rules.add(
          new FiredRule(
              "START-2",
              "Start-up is expensive and every process pays it: keep a pool of long-lived worker JVMs and feed them tasks, never one JVM per task."));
    if (p.latencyMs() > 0 && p.latencyMs() < TIGHT_LATENCY_MS)
      rules.add(
          new FiredRule(
              "LAT-1",
              "The latency requirement ("
                  + p.latencyMs()
                  + " ms) leaves no room for starting a JVM on the request path: start the workers ahead of time and keep them warm."));
    if (p.sharedState())
      rules.add(
          new FiredRule(
              "SHARE-2",
              "Shared state cannot live in one heap across processes: keep it in the parent or an external store and pass messages (serialization costs time)."));
    OptionalDouble perJvm = figures.childJvmMb();
    if (p.memoryBudgetMb() > 0 && perJvm.isPresent() && perJvm.getAsDouble() > 0) {
      int fit = (int) Math.floor(p.memoryBudgetMb() / perJvm.getAsDouble());
      if (fit < Math.min(p.concurrency(), p.cpuCores()))
        rules.add(
            new FiredRule(
                "MEM-2",
                String.format(
                    Locale.ROOT,
                    "A child JVM measured %.0f MB resident here, so the %d MB budget fits %d worker process(es): run at most that many.",
                    perJvm.getAsDouble(),
                    p.memoryBudgetMb(),
                    Math.max(fit, 0))));
    }
  }

  private static void memory(
      WorkloadProfile p, BenchFigures figures, Approach choice, List<FiredRule> rules) {
    if (p.memoryBudgetMb() <= 0) return;
    if (choice == Approach.BOUNDED_PLATFORM_POOL
        && p.workloadType() != WorkloadType.CPU_BOUND
        && p.concurrency() * PLATFORM_STACK_MB > p.memoryBudgetMb())
      rules.add(
          new FiredRule(
              "MEM-3",
              String.format(
                  Locale.ROOT,
                  "%d platform threads reserve about %.0f MB of stack at the JVM's default -Xss, over the %d MB budget: cap the pool (or lower -Xss) and queue the rest.",
                  p.concurrency(),
                  p.concurrency() * PLATFORM_STACK_MB,
                  p.memoryBudgetMb())));
    if (choice == Approach.VIRTUAL_THREADS || choice == Approach.HYBRID) {
      Expectation e = figures.expect(p.workloadType(), choice);
      if (e.measured() && e.memoryOverheadMb() != null && e.memoryOverheadMb() > p.memoryBudgetMb())
        rules.add(
            new FiredRule(
                "MEM-1",
                String.format(
                    Locale.ROOT,
                    "The benchmark measured %.0f MB above sequential for %s, over the %d MB budget: cap the tasks in flight with a Semaphore.",
                    e.memoryOverheadMb(),
                    choice.id(),
                    p.memoryBudgetMb())));
    }
  }

  private static List<Alternative> alternatives(
      WorkloadProfile p, BenchFigures figures, Approach choice) {
    List<Alternative> out = new ArrayList<>();
    for (Approach a : Approach.values()) {
      if (a == choice) continue;
      Expectation e =
          a == Approach.SEQUENTIAL
              ? new Expectation(1.0, null, 0.0, "the baseline")
              : figures.expect(p.workloadType(), a);
      out.add(new Alternative(a, Guidance.tradeOff(a, p), e));
    }
    // Measured alternatives first, fastest first; unmeasured keep their enum order.
    out.sort(
        Comparator.comparing((Alternative x) -> x.expectation().speedup() == null)
            .thenComparing(
                x -> x.expectation().speedup() == null ? 0 : -x.expectation().speedup()));
    return out;
  }
}
