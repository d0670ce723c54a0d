package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SimulatorExtensionTest {
  @RegisterExtension
  static SimulatorExtension sim =
      SimulatorExtension.builder()
          .configure(b -> b.seed(1).rule(Rule.builder().userContains("hello").text("Hi!")))
          .build();

  @Test
  @Order(1)
  void servesTheConfiguredRules() {
    var r = Wire.openai(sim.simulator(), "k", Wire.openAiBody("fast", "hello", false));
    assertThat(Wire.json(r).path("choices").path(0).path("message").path("content").asText())
        .isEqualTo("Hi!");
    assertThat(sim.baseUrl()).isEqualTo("http://127.0.0.1:" + sim.port());
    assertThat(sim.stats().totals().requests()).isEqualTo(1);
  }

  @Test
  @Order(2)
  void resetsCountersBetweenTests() {
    assertThat(sim.stats().totals().requests()).isZero();
  }
}
