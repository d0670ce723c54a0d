package io.chorus.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.RateLimits;
import io.chorus.sim.Rule;
import io.chorus.sim.Simulator;
import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The sample application booted once against the simulator on 127.0.0.1: its engine comes from
 * application.yaml's {@code chorus.*} (the test points {@code providers.openai} at the simulator),
 * the vote runs through it, the meters land on the application's registry, the health indicator
 * reports the provider, and stopping the context shuts the engine down (no call admitted after).
 */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModerationApplicationTest {

  static final Simulator SIM =
      Simulator.builder()
          .defaultModel(ModelBehaviour.INSTANT)
          .keyLimits("sk-spring-sample", new RateLimits(500, 1_000_000_000L, 1_000_000_000L))
          .rule(Rule.builder().userContains("rocks for brains").text("DECISION: needs_review"))
          .start();

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    registry.add("chorus.providers.openai.base-url", () -> SIM.baseUrl() + "/v1");
    registry.add("chorus.providers.openai.api-key", () -> "sk-spring-sample");
  }

  @AfterAll
  static void stopSimulator() {
    SIM.close();
  }

  @Autowired Moderator moderator;
  @Autowired Engine engine;
  @Autowired MeterRegistry registry;
  @Autowired CompositeHealthContributor chorus;
  @Autowired ConfigurableApplicationContext context;

  @Test
  @Order(1)
  void theEngineIsBuiltFromApplicationYaml() {
    Limits openai = engine.config().providerLimits().get("openai");
    assertThat(openai.requestsPerMinute()).isEqualTo(500);
    assertThat(openai.maxConcurrency()).isEqualTo(16);
    assertThat(engine.config().retry().maxRetries()).isEqualTo(2);
  }

  @Test
  @Order(2)
  void aVoteRunsThroughTheEngineWithMetersAndHealth() {
    VotingResult vote = moderator.moderate("You have rocks for brains.");
    assertThat(vote.winner()).isEqualTo("needs_review");
    assertThat(vote.votes()).hasSize(3);
    assertThat(SIM.stats().forKey("sk-spring-sample").requests()).isEqualTo(3);
    assertThat(SIM.stats().totals().rateLimited()).isZero();
    assertThat(registry.getMeters()).anyMatch(m -> m.getId().getName().startsWith("chorus"));
    HealthIndicator openai = (HealthIndicator) chorus.getContributor("openai");
    assertThat(openai.health().getStatus()).isEqualTo(Status.UP);
    assertThat(openai.health().getDetails()).containsKeys("breakers", "limits");
  }

  @Test
  @Order(3)
  void stoppingTheContextShutsTheEngineDown() {
    // what the context does on close, before it destroys the engine's bean (which closes it)
    context.getBean("chorusEngineLifecycle", SmartLifecycle.class).stop();
    assertThat(engine.isShutdown()).isTrue();
    assertThat(moderator.moderate("You have rocks for brains.").votes())
        .isNotEmpty()
        .allMatch(v -> !v.valid());
  }
}
