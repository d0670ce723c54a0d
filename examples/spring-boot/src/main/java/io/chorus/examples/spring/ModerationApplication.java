package io.chorus.examples.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A Spring Boot application that moderates comments by a vote of three models. Its {@link
 * io.chorus.core.Engine} comes from {@code chorus.*} in {@code application.yaml}
 * (chorus-spring-boot-starter); it injects the engine like any bean.
 */
@SpringBootApplication
public class ModerationApplication {

  public static void main(String[] args) {
    SpringApplication.run(ModerationApplication.class, args);
  }

  /** An application with Actuator has its own registry; this one keeps meters in memory. */
  @Bean
  MeterRegistry meterRegistry() {
    return new SimpleMeterRegistry();
  }
}
