package io.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.testing.FakeClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Virtual keys from chorus.yaml: stored hashed, each with its own models, rate and budget. */
class VirtualKeysTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String KEY_A = "gw-team-a-0123456789";
  static final String KEY_B = "gw-team-b-9876543210";
  static final String KEY_POOR = "gw-poor-5555";

  @TempDir java.nio.file.Path dir;
  final FakeClock clock = new FakeClock();
  TestGateway t;

  static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  @BeforeEach
  void start() throws Exception {
    t =
        TestGateway.start(
            dir,
            """
        gateway:
          keys:
            team-a: {sha256: %s, rpm: 6}
            team-b: {sha256: "sha256:%s", models: ["sim:fast", "anthropic:*"]}
            poor: {sha256: %s, max_cost: 0.0000001}
        """
                .formatted(sha256(KEY_A), sha256(KEY_B).toUpperCase(), sha256(KEY_POOR)),
            Map.of(),
            b -> b.time(clock));
  }

  @AfterEach
  void stop() {
    t.close();
  }

  static final String CHAT =
      """
      {"model": "sim:fast", "messages": [{"role": "user", "content": "hi"}]}""";

  @Test
  void aMissingOrUnknownKeyIsA401InTheProtocolsShapeThatNeverEchoesTheKey() throws Exception {
    var none = t.post("/v1/chat/completions", CHAT);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(none.body()).path("error").path("code").asText())
        .isEqualTo("invalid_api_key");
    var wrong =
        t.post("/v1/chat/completions", CHAT, "authorization", "Bearer sk-not-a-gateway-key-42");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("sk-not-a-gateway-key-42");
    var anthropic =
        t.post(
            "/v1/messages",
            """
        {"model": "sim:fast", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}""",
            "x-api-key",
            "nope");
    assertThat(anthropic.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(anthropic.body()).path("error").path("type").asText())
        .isEqualTo("authentication_error");
    assertThat(t.get("/v1/models").statusCode()).isEqualTo(401);
  }

  @Test
  void aKnownKeyWorksAsBearerOrXApiKey() throws Exception {
    assertThat(
            t.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + KEY_B).statusCode())
        .isEqualTo(200);
    assertThat(
            t.post(
                    "/v1/messages",
                    """
        {"model": "claude-haiku-4-5", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}""",
                    "x-api-key",
                    KEY_B)
                .statusCode())
        .isEqualTo(200);
  }

  @Test
  void aKeyUsesOnlyItsModelsAndListsOnlyThose() throws Exception {
    var r =
        t.post(
            "/v1/chat/completions",
            """
        {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}""",
            "authorization",
            "Bearer " + KEY_B);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    assertThat(JSON.readTree(r.body()).path("error").path("message").asText())
        .contains("gpt-4o-mini");
    JsonNode list = JSON.readTree(t.get("/v1/models", "authorization", "Bearer " + KEY_B).body());
    assertThat(list.path("data").findValuesAsText("id"))
        .containsExactlyInAnyOrder("sim:fast", "anthropic:claude-sonnet-4-5");
  }

  @Test
  void aKeysRateIsRefusedWith429AndRetryAfterUntilItRefills() throws Exception {
    // rpm 6: a bucket of one request, refilled every 10 s
    assertThat(
            t.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + KEY_A).statusCode())
        .isEqualTo(200);
    var refused = t.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + KEY_A);
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("retry-after")).contains("10");
    assertThat(JSON.readTree(refused.body()).path("error").path("code").asText())
        .isEqualTo("rate_limit_exceeded");
    // another key is not affected
    assertThat(
            t.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + KEY_B).statusCode())
        .isEqualTo(200);
    clock.advance(Duration.ofSeconds(10));
    assertThat(
            t.post("/v1/chat/completions", CHAT, "authorization", "Bearer " + KEY_A).statusCode())
        .isEqualTo(200);
  }

  @Test
  void aKeysBudgetOnceSpentIsA429InsufficientQuota() throws Exception {
    var first =
        t.post(
            "/v1/chat/completions",
            """
        {"model": "gpt-4o-mini", "messages": [{"role": "user", "content": "hi"}]}""",
            "authorization",
            "Bearer " + KEY_POOR);
    assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).path("chorus").path("cost_usd").asDouble()).isPositive();
    var second =
        t.post(
            "/v1/messages",
            """
        {"model": "gpt-4o-mini", "max_tokens": 10, "messages": [{"role": "user", "content": "hi"}]}""",
            "x-api-key",
            KEY_POOR);
    assertThat(second.statusCode()).isEqualTo(429);
    assertThat(JSON.readTree(second.body()).path("error").path("type").asText())
        .isEqualTo("rate_limit_error");
    assertThat(second.body()).contains("budget");
  }
}
