package io.chorus.examples.spring;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * A Spring Boot application that moderates comments by a vote of three models. Its {@link
 * io.chorus.core.Engine} comes from {@code chorus.*} in {@code application.yaml}
 * (chorus-spring-boot-starter); it injects the engine like any bean. Actuator shows each provider's
 * health at {@code /actuator/health/chorus/<provider>} and the engine's meters at {@code
 * /actuator/metrics}.
 */
@SpringBootApplication
public class ModerationApplication {

  public static void main(String[] args) {
    SpringApplication.run(ModerationApplication.class, args);
  }
}
