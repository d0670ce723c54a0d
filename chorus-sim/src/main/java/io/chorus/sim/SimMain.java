package io.chorus.sim;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator from the command line: {@code --port 0 --config sim.yaml --seed N}. Prints
 * exactly one line, {@code listening on http://127.0.0.1:PORT}, then serves until stopped.
 */
public final class SimMain {
  private SimMain() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err);
    if (code != 0) {
      System.exit(code);
    }
  }

  /** {@link #run(String[], PrintStream, PrintStream)} with errors to {@code System.err}. */
  public static int run(String[] args, PrintStream out) {
    return run(args, out, System.err);
  }

  /**
   * Starts a simulator from {@code args}, prints the listening line to {@code out}, and serves
   * until the calling thread is interrupted (then closes it and returns 0). Bad arguments or config
   * print one message to {@code err} and return 2 without serving.
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Simulator sim;
    try {
      sim = start(args);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      err.println("chorus sim: " + e.getMessage());
      return 2;
    }
    Thread hook = new Thread(sim::close, "chorus-sim-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    out.println("listening on " + sim.baseUrl());
    out.flush();
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      sim.close();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException ignored) {
        // already shutting down
      }
    }
    return 0;
  }

  /**
   * Starts a simulator from command-line arguments without blocking.
   *
   * @throws IllegalArgumentException for a bad argument or config file
   */
  public static Simulator start(String[] args) {
    Simulator.Builder b = Simulator.builder();
    Integer port = null;
    Long seed = null;
    Path config = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "--port", "--seed", "--config" -> {
          if (value == null) {
            if (i + 1 >= args.length) {
              throw new IllegalArgumentException(a + " needs a value");
            }
            value = args[++i];
          }
          try {
            switch (a) {
              case "--port" -> port = Integer.parseInt(value);
              case "--seed" -> seed = Long.parseLong(value);
              default -> config = Path.of(value);
            }
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(a + " needs a number, got '" + value + "'");
          }
        }
        default -> throw new IllegalArgumentException("unknown option '" + a + "' (usage: --port N --config sim.yaml --seed N)");
      }
    }
    if (config != null) {
      b.config(SimConfig.load(config));
    }
    if (port != null) {
      b.port(port);
    }
    if (seed != null) {
      b.seed(seed);
    }
    return b.start();
  }
}
