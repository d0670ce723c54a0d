package io.chorus.advisor.internal;

import io.chorus.advisor.Approach;
import io.chorus.advisor.WorkloadProfile;
import io.chorus.advisor.WorkloadType;
import java.util.ArrayList;
import java.util.List;

/**
 * The words of a recommendation: summary, trade-offs, migration steps and pitfalls per approach.
 */
final class Guidance {
  private Guidance() {}

  static String summary(Approach a, WorkloadProfile p) {
    int cores = p.cpuCores();
    String permits =
        p.rateLimitedApi() ? " behind a Semaphore sized to the API's concurrency quota" : "";
    return switch (a) {
      case SEQUENTIAL ->
          "Run the tasks one after another on one thread; measure this baseline first.";
      case VIRTUAL_THREADS ->
          "Run each task on its own virtual thread (Executors.newVirtualThreadPerTaskExecutor())"
              + permits
              + ".";
      case BOUNDED_PLATFORM_POOL ->
          "Run the tasks on Executors.newFixedThreadPool("
              + poolSize(p)
              + ")"
              + (p.workloadType() == WorkloadType.CPU_BOUND
                  ? " (one thread per core)"
                  : " (one thread per concurrent blocking call)")
              + ".";
      case FORK_JOIN ->
          "Split the work with a parallel stream (or RecursiveTask) on the ForkJoinPool, "
              + cores
              + " cores wide.";
      case PROCESSES ->
          "Run the work in "
              + Math.min(cores, p.concurrency())
              + " long-lived child JVMs (ProcessBuilder with the same java binary and classpath), feeding them tasks over stdin/stdout or a socket.";
      case HYBRID ->
          "Fetch on virtual threads"
              + permits
              + ", and hand the CPU part to Executors.newFixedThreadPool("
              + cores
              + ").";
    };
  }

  private static int poolSize(WorkloadProfile p) {
    return p.workloadType() == WorkloadType.CPU_BOUND ? p.cpuCores() : p.concurrency();
  }

  static String tradeOff(Approach a, WorkloadProfile p) {
    boolean io = p.workloadType() != WorkloadType.CPU_BOUND;
    return switch (a) {
      case SEQUENTIAL ->
          "Simplest and no overhead, but every task waits for the previous one"
              + (io
                  ? ": total time is the sum of all the waits."
                  : ": one core does all the work.");
      case VIRTUAL_THREADS ->
          io
              ? "Cheapest way to overlap many waits; no help for CPU work beyond the cores, and pinning libraries cap it at the carrier count."
              : "Gives no more than the cores for CPU work, and CPU-heavy virtual threads hog the carriers that I/O would need.";
      case BOUNDED_PLATFORM_POOL ->
          io
              ? "Works with libraries that block the OS thread, but each concurrent wait costs a whole OS thread and its stack."
              : "Full use of the cores with a pool you own (no common-pool interference); you size, queue and shut it down.";
      case FORK_JOIN ->
          io
              ? "The common pool is sized to the cores: blocking in it starves every parallel stream in the JVM (it only survives through compensation threads)."
              : "Least code for data-parallel CPU work; the common pool is shared by the whole JVM, and tiny work pays the splitting overhead.";
      case PROCESSES ->
          "Real isolation (a crash or leak stays in its JVM), but each child pays JVM start-up and its own heap, and data must be serialized across.";
      case HYBRID ->
          io && p.workloadType() == WorkloadType.MIXED
              ? "Overlaps the waits and bounds the CPU part to the cores; two executors and a hand-off to manage."
              : "Two executors for work that has only one kind of phase: complexity without gain.";
    };
  }

  static List<String> migration(Approach a, WorkloadProfile p) {
    List<String> s = new ArrayList<>();
    s.add(
        "Measure the sequential baseline on a realistic input first (`chorus bench`), and keep that number.");
    switch (a) {
      case SEQUENTIAL -> {
        s.add("Remove concurrency you do not need: run the loop on the calling thread.");
        s.add(
            "Optimize the single thread (algorithms, allocations, batching) before adding threads.");
      }
      case VIRTUAL_THREADS -> {
        s.add("Make each unit of work a Callable; keep it blocking-style (no callbacks needed).");
        s.add(
            "Submit them to try (var ex = Executors.newVirtualThreadPerTaskExecutor()) { ... } and collect the Futures; closing the executor waits for all.");
        if (p.rateLimitedApi())
          s.add(
              "Wrap each call in semaphore.acquire()/release() (in finally) with permits = the API's allowed concurrency; pace requests per minute with a rate limiter.");
        s.add(
            "Replace synchronized around blocking calls with ReentrantLock, and check for pinning with JFR's jdk.VirtualThreadPinned event.");
        s.add(
            "Move per-task context out of ThreadLocal caches (virtual threads are never reused, so such caches never hit).");
      }
      case BOUNDED_PLATFORM_POOL -> {
        s.add(
            "Create the pool once: Executors.newFixedThreadPool("
                + poolSize(p)
                + "), named threads via a ThreadFactory.");
        s.add("Submit Callables, collect Futures, and handle ExecutionException per task.");
        s.add(
            "Bound the queue (ThreadPoolExecutor with an ArrayBlockingQueue and CallerRunsPolicy) so a burst cannot fill the heap.");
        s.add("Shut the pool down on exit (close() / shutdown + awaitTermination).");
      }
      case FORK_JOIN -> {
        s.add(
            "Express the work as a stream over independent items and add .parallel(); make the per-item function free of side effects.");
        s.add(
            "Collect with thread-safe collectors (toList, groupingByConcurrent), never by mutating a shared list.");
        s.add(
            "Keep blocking calls out of the stream; if some remain, run the stream inside a dedicated ForkJoinPool instead of the common one.");
      }
      case PROCESSES -> {
        s.add(
            "Give the work a small main class that reads tasks from stdin and writes results to stdout (or a socket).");
        s.add(
            "Start the workers with ProcessHandle.current().info().command() and System.getProperty(\"java.class.path\") so they run the same code.");
        s.add(
            "Keep the workers alive across tasks (a worker pool), restart one when it dies, and destroy them all on shutdown.");
        s.add("Serialize tasks and results compactly (JSON lines are enough to start).");
      }
      case HYBRID -> {
        s.add("Split each task into its fetch (I/O) and process (CPU) parts.");
        s.add(
            "Run the fetches on Executors.newVirtualThreadPerTaskExecutor()"
                + (p.rateLimitedApi() ? " behind a Semaphore for the API's limit" : "")
                + ".");
        s.add(
            "From each virtual thread, submit the CPU part to a fixed pool of "
                + p.cpuCores()
                + " platform threads and wait on its Future (the virtual thread parks cheaply).");
        s.add("Close both executors with try-with-resources; measure against the baseline again.");
      }
    }
    s.add(
        "Re-run the benchmark and keep the change only if the measured speedup reads at least 'worth it' for your size of work.");
    return s;
  }

  static List<String> pitfalls(Approach a, WorkloadProfile p) {
    List<String> s = new ArrayList<>();
    switch (a) {
      case SEQUENTIAL ->
          s.add(
              "Adding concurrency later without re-measuring: below 1.2x the extra complexity is not justified.");
      case VIRTUAL_THREADS, HYBRID -> {
        s.add(
            "Pinning: a virtual thread blocking inside synchronized (before JDK 24) or in native code holds its carrier; with only "
                + p.cpuCores()
                + " carriers everything stalls. Use ReentrantLock.");
        s.add(
            "Unbounded virtual threads against a rate-limited API: thousands of calls start at once and come back as 429s; bound them with a Semaphore.");
        s.add(
            "Thread-locals: each virtual thread gets fresh copies, so ThreadLocal caches (formatters, buffers) are rebuilt per task and can use a lot of memory.");
        s.add(
            "Pooling virtual threads: don't; create one per task. Limit concurrency with a Semaphore, not a pool size.");
        if (a == Approach.VIRTUAL_THREADS && p.workloadType() != WorkloadType.IO_BOUND)
          s.add(
              "CPU-heavy work on virtual threads monopolizes the carriers and delays every waiting task.");
      }
      case BOUNDED_PLATFORM_POOL -> {
        s.add(
            "Pool sizing: one thread per core for CPU work; for blocking I/O the pool size is the concurrency cap, and each thread costs an OS thread and stack.");
        s.add(
            "newFixedThreadPool has an unbounded queue: a producer faster than the pool fills the heap.");
        s.add("Thread-locals leak between tasks on reused pool threads; clear them in finally.");
      }
      case FORK_JOIN -> {
        s.add(
            "Starvation of the common ForkJoin pool: it is shared by every parallel stream and CompletableFuture.*Async in the JVM, sized to cores - 1.");
        s.add(
            "Blocking in parallel streams: a blocking call holds a common-pool worker and slows unrelated code.");
        s.add(
            "Small work: splitting and joining cost more than tiny tasks; measure before and after.");
        s.add("Side effects on shared collections from inside the stream are data races.");
      }
      case PROCESSES -> {
        s.add(
            "JVM start-up per worker costs hundreds of ms and tens of MB; on small work processes lose to sequential.");
        s.add("Orphaned children on crash or Ctrl-C: destroy them from a shutdown hook.");
        s.add(
            "Everything crossing the boundary is serialized; large inputs cost more to send than to process.");
        s.add("A child's stdout pipe must be drained or the child blocks when the pipe fills.");
      }
    }
    if (p.sharedState() && a != Approach.SEQUENTIAL && a != Approach.PROCESSES)
      s.add(
          "Shared mutable state: unguarded updates race; prefer immutable data and concurrent structures.");
    return s;
  }
}
