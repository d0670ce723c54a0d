package io.chorus.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.core.Engine;
import io.chorus.core.ModelId;
import io.chorus.providers.AnthropicProvider;
import io.chorus.providers.Secret;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.Rule;
import io.chorus.sim.Simulator;
import org.junit.jupiter.api.Test;

/**
 * Seed 001, unmodified ({@code model: sonnet} = anthropic:claude-sonnet-4-5), run over HTTP against
 * the simulator on 127.0.0.1 through the real Anthropic provider: the first answer breaks the
 * output schema, the repair round fixes it.
 */
class SimulatorEndToEndTest {

  @Test
  void seed001RunsAgainstTheSimulatorWithSchemaValidOutputAfterARepairRound() throws Exception {
    String valid =
        "```json\n{\"response\": \"Use asyncio.gather with a Semaphore(10).\", \"code_examples\": [\"async with sem: ...\"],"
            + " \"performance_notes\": \"I/O-bound: one event loop is enough\"}\n```";
    try (Simulator sim =
            Simulator.builder()
                .seed(1)
                .model(
                    "claude-sonnet-4-5",
                    ModelBehaviour.INSTANT) // keep the test fast; the name stays real
                .rule(
                    Rule.builder()
                        .userContains("did not validate against the output schema")
                        .text(valid))
                .rule(
                    Rule.builder()
                        .systemContains("# Async & Concurrency Agent")
                        .text("{\"response\": [\"oops\"]}"))
                .start();
        Engine engine =
            Engine.builder()
                .provider(
                    AnthropicProvider.builder()
                        .baseUrl(sim.baseUrl())
                        .apiKey(Secret.of("sk-sim-test"))
                        .synthetic(true)
                        .build())
                .seed(1)
                .build()) {
      AgentRegistry registry =
          AgentRegistry.builder()
              .folder(AgentFileTest.seed("05-async-concurrency.md").getParent())
              .build();
      AgentResult result =
          AgentRunner.builder(registry)
              .build()
              .run(
                  engine,
                  "05-async-concurrency",
                  new ObjectMapper()
                      .readTree(
                          "{\"query\": \"fetch 1000 URLs\", \"context\": {\"workload_type\": \"io-bound\"}}"));

      assertThat(result).isInstanceOf(AgentResult.Success.class);
      AgentResult.Success ok = (AgentResult.Success) result;
      assertThat(ok.output().get("response").asText())
          .isEqualTo("Use asyncio.gather with a Semaphore(10).");
      assertThat(ok.attempts()).hasSize(2);
      assertThat(ok.attempts().get(0).validationErrors())
          .containsExactly("$.response: array found, string expected");
      assertThat(ok.attempts().get(1).model())
          .isEqualTo(ModelId.parse("anthropic:claude-sonnet-4-5"));
      assertThat(ok.usage().inputTokens()).isPositive();
      assertThat(sim.stats().toString()).isNotEmpty();
    }
  }
}
