package io.chorus.sim;

import java.util.Objects;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit 5 extension that runs a {@link Simulator} for a test class (static field) or for each
 * test (instance field). Requires junit-jupiter-api on the classpath (an optional dependency).
 *
 * {@snippet :
 * @RegisterExtension
 * static SimulatorExtension sim = SimulatorExtension.builder()
 *     .configure(b -> b.seed(1).rule(Rule.builder().userContains("hello").text("Hi!")))
 *     .build();
 * // in a test: sim.baseUrl(), sim.stats(), sim.reset()
 * }
 *
 * A static extension resets the simulator's counters and buckets before each test unless built with
 * {@code resetBeforeEach(false)}.
 */
public final class SimulatorExtension
    implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback {
  private final Consumer<Simulator.Builder> configuration;
  private final boolean resetBeforeEach;
  private Simulator simulator;
  private boolean perClass;

  private SimulatorExtension(Consumer<Simulator.Builder> configuration, boolean resetBeforeEach) {
    this.configuration = configuration;
    this.resetBeforeEach = resetBeforeEach;
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    perClass = true;
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    stop();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    if (simulator == null) {
      start();
    } else if (resetBeforeEach) {
      simulator.reset();
    }
  }

  @Override
  public void afterEach(ExtensionContext context) {
    if (!perClass) {
      stop();
    }
  }

  private void start() {
    Simulator.Builder b = Simulator.builder();
    configuration.accept(b);
    simulator = b.start();
  }

  private void stop() {
    if (simulator != null) {
      simulator.close();
      simulator = null;
    }
  }

  /** The running simulator. */
  public Simulator simulator() {
    if (simulator == null) {
      throw new IllegalStateException("the simulator runs only while a test runs");
    }
    return simulator;
  }

  public String baseUrl() {
    return simulator().baseUrl();
  }

  public int port() {
    return simulator().port();
  }

  public SimStats stats() {
    return simulator().stats();
  }

  public void reset() {
    simulator().reset();
  }

  /** Builds a {@link SimulatorExtension}. */
  public static final class Builder {
    private Consumer<Simulator.Builder> configuration = b -> {};
    private boolean resetBeforeEach = true;

    private Builder() {}

    /** Configures the simulator (seed, models, rules, faults) each time it starts. */
    public Builder configure(Consumer<Simulator.Builder> value) {
      this.configuration = Objects.requireNonNull(value, "configure");
      return this;
    }

    public Builder resetBeforeEach(boolean value) {
      this.resetBeforeEach = value;
      return this;
    }

    public SimulatorExtension build() {
      return new SimulatorExtension(configuration, resetBeforeEach);
    }
  }
}
