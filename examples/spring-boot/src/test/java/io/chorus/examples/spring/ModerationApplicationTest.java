package io.chorus.examples.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.Limits;
import io.chorus.core.Outcome;
import io.chorus.patterns.vote.VotingResult;
import io.chorus.sim.FaultKind;
import io.chorus.sim.FaultRule;
import io.chorus.sim.ModelBehaviour;
import io.chorus.sim.RateLimits;
import io.chorus.sim.Rule;
import io.chorus.sim.Simulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
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
 * The sample application booted once, with its embedded web server on 127.0.0.1 and a random port,
 * against the simulator on 127.0.0.1: its engine comes from application.yaml's {@code chorus.*}
 * (the test points {@code providers.openai} at the simulator), the vote runs through it, Actuator
 * answers {@code /actuator/health} (the provider UP with its breakers, limits and limits remaining;
 * OUT_OF_SERVICE and 503 once a breaker opens) and {@code /actuator/metrics} (the engine's meters)
 * over HTTP, and stopping the context shuts the engine down.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "server.address=127.0.0.1")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ModerationApplicationTest {

  static final Simulator SIM =
      Simulator.builder()
          .defaultModel(ModelBehaviour.INSTANT)
          .keyLimits("sk-spring-sample", new RateLimits(500, 1_000_000_000L, 1_000_000_000L))
          .rule(Rule.builder().userContains("rocks for brains").text("DECISION: needs_review"))
          // a model of the same provider whose every request fails: its breaker opens
          .fault(FaultRule.always(FaultKind.SERVER_ERROR).forModel("gpt-broken"))
          .start();

  static final String BROKEN = "chorus.models[openai:gpt-broken].";

  @DynamicPropertySource
  static void simulator(DynamicPropertyRegistry registry) {
    registry.add("chorus.providers.openai.base-url", () -> SIM.baseUrl() + "/v1");
    registry.add("chorus.providers.openai.api-key", () -> "sk-spring-sample");
    // opens after two failed attempts, and stays open for the test
    registry.add(BROKEN + "retry.max-retries", () -> "0");
    registry.add(BROKEN + "circuit-breaker.window", () -> "2");
    registry.add(BROKEN + "circuit-breaker.minimum-calls", () -> "2");
    registry.add(BROKEN + "circuit-breaker.open-for", () -> "1h");
  }

  @AfterAll
  static void stopSimulator() {
    SIM.close();
  }

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();

  @Value("${local.server.port}")
  int port;

  @Autowired Moderator moderator;
  @Autowired Engine engine;
  @Autowired CompositeHealthContributor chorus;
  @Autowired ConfigurableApplicationContext context;

  record Answer(int status, JsonNode body) {}

  Answer get(String path) throws IOException, InterruptedException {
    HttpResponse<String> r =
        HTTP.send(
            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(),
            HttpResponse.BodyHandlers.ofString());
    return new Answer(r.statusCode(), JSON.readTree(r.body()));
  }

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
  void beforeAnyCallTheHealthListsTheProviderUpWithItsBreakersAndLimits() throws Exception {
    Answer health = get("/actuator/health");
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.body().path("status").asText()).isEqualTo("UP");
    JsonNode openai = health.body().at("/components/chorus/components/openai");
    assertThat(openai.path("status").asText()).isEqualTo("UP");
    assertThat(openai.at("/details/breakers/openai:gpt-4o-mini").asText()).isEqualTo("CLOSED");
    assertThat(openai.at("/details/limits/requests_per_minute").asInt()).isEqualTo(500);
    assertThat(openai.at("/details/limits/max_concurrency").asInt()).isEqualTo(16);
    assertThat(openai.path("details").has("remaining")).isFalse();
  }

  @Test
  @Order(3)
  void aVoteRunsThroughTheEngineAndActuatorShowsLimitsRemainingAndMeters() throws Exception {
    VotingResult vote = moderator.moderate("You have rocks for brains.");
    assertThat(vote.winner()).isEqualTo("needs_review");
    assertThat(vote.votes()).hasSize(3);
    assertThat(SIM.stats().forKey("sk-spring-sample").requests()).isEqualTo(3);
    assertThat(SIM.stats().totals().rateLimited()).isZero();

    Answer openai = get("/actuator/health/chorus/openai");
    assertThat(openai.status()).isEqualTo(200);
    assertThat(openai.body().path("status").asText()).isEqualTo("UP");
    JsonNode details = openai.body().path("details");
    assertThat(details.at("/breakers/openai:gpt-4o-mini").asText()).isEqualTo("CLOSED");
    assertThat(details.at("/breakers/openai:gpt-4.1").asText()).isEqualTo("CLOSED");
    // the simulator's x-ratelimit-remaining-requests after three of the key's 500
    long remaining = details.at("/remaining/requests_remaining").asLong(-1);
    assertThat(remaining).isBetween(497L, 499L);
    assertThat(details.at("/remaining/tokens_remaining").isNumber()).isTrue();

    Answer names = get("/actuator/metrics");
    List<String> meters = new ArrayList<>();
    names.body().path("names").forEach(n -> meters.add(n.asText()));
    assertThat(meters).contains("chorus.calls", "chorus.call.latency", "chorus.tokens");
    Answer calls = get("/actuator/metrics/chorus.calls?tag=outcome:success");
    assertThat(calls.status()).isEqualTo(200);
    assertThat(calls.body().at("/measurements/0/statistic").asText()).isEqualTo("COUNT");
    assertThat(calls.body().at("/measurements/0/value").asDouble()).isEqualTo(3.0);
  }

  @Test
  @Order(4)
  void anOpenBreakerTakesTheProviderOutOfServiceOverHttp() throws Exception {
    for (int i = 0; i < 2; i++) {
      Outcome<?> failed = engine.call(ChatRequest.of("openai:gpt-broken", "Hello?"));
      assertThat(failed).isNotInstanceOf(Outcome.Success.class);
    }

    Answer health = get("/actuator/health");
    assertThat(health.status()).isEqualTo(503);
    assertThat(health.body().path("status").asText()).isEqualTo("OUT_OF_SERVICE");
    JsonNode openai = health.body().at("/components/chorus/components/openai");
    assertThat(openai.path("status").asText()).isEqualTo("OUT_OF_SERVICE");
    assertThat(openai.at("/details/breakers/openai:gpt-broken").asText()).isEqualTo("OPEN");
    assertThat(openai.at("/details/breakers/openai:gpt-4o-mini").asText()).isEqualTo("CLOSED");
    assertThat(openai.at("/details/open/0").asText()).isEqualTo("openai:gpt-broken");
    assertThat(get("/actuator/health/chorus/openai").status()).isEqualTo(503);

    // the bean says the same
    HealthIndicator bean = (HealthIndicator) chorus.getContributor("openai");
    assertThat(bean.health().getStatus()).isEqualTo(Status.OUT_OF_SERVICE);
  }

  @Test
  @Order(5)
  void stoppingTheContextShutsTheEngineDown() {
    // what the context does on close, before it destroys the engine's bean (which closes it)
    context.getBean("chorusEngineLifecycle", SmartLifecycle.class).stop();
    assertThat(engine.isShutdown()).isTrue();
    assertThat(moderator.moderate("You have rocks for brains.").votes())
        .isNotEmpty()
        .allMatch(v -> !v.valid());
  }
}
