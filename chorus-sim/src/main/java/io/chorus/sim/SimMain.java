package io.chorus.sim;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator from the command line: {@code --port 0 --config sim.yaml --seed N [--tls
 * [--ca-out FILE]]}. Prints {@code listening on http://127.0.0.1:PORT} as its first line, then
 * serves until stopped. With {@code --tls} it serves HTTPS, writes the certificate authority it
 * made to {@code --ca-out} (default a new file in the temporary directory) and prints a second
 * line, {@code ca certificate: PATH}.
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
    if (sim.tls()) {
      try {
        out.println("ca certificate: " + writeCaCertificate(sim, caOut(args)));
      } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
        sim.close();
        err.println("chorus sim: " + e.getMessage());
        return 2;
      }
    }
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
   * Writes {@code sim}'s certificate authority (PEM) to {@code target}, or to a new file in the
   * temporary directory when null (readable by its owner only, deleted when the JVM exits); returns
   * the file.
   *
   * @throws java.io.UncheckedIOException naming the file when it cannot be written
   */
  public static Path writeCaCertificate(Simulator sim, Path target) {
    Path file = target;
    try {
      if (file == null) {
        file = java.nio.file.Files.createTempFile("chorus-sim-ca-", ".pem");
        file.toFile().deleteOnExit();
      }
      java.nio.file.Files.writeString(file, sim.caCertificatePem());
      return file.toAbsolutePath();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot write the CA certificate to " + file + ": " + e.getMessage(), e);
    }
  }

  /** The value of {@code --ca-out}, or null. */
  private static Path caOut(String[] args) {
    for (int i = 0; i < args.length; i++) {
      if (args[i].startsWith("--ca-out=")) {
        return Path.of(args[i].substring("--ca-out=".length()));
      }
      if (args[i].equals("--ca-out") && i + 1 < args.length) {
        return Path.of(args[i + 1]);
      }
    }
    return null;
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
    boolean tls = false;
    Path caOut = null;
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--tls")) {
        tls = true;
        continue;
      }
      String value = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        value = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      switch (a) {
        case "--port", "--seed", "--config", "--ca-out" -> {
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
              case "--ca-out" -> caOut = Path.of(value);
              default -> config = Path.of(value);
            }
          } catch (NumberFormatException e) {
            throw new IllegalArgumentException(a + " needs a number, got '" + value + "'");
          }
        }
        default ->
            throw new IllegalArgumentException(
                "unknown option '"
                    + a
                    + "' (usage: --port N --config sim.yaml --seed N --tls --ca-out FILE)");
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
    if (caOut != null && !tls) {
      throw new IllegalArgumentException("--ca-out needs --tls");
    }
    return b.tls(tls).start();
  }
}
