package io.chorus.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.model.openai.OpenAiChatModel;
import io.chorus.sim.SimConfig;
import io.chorus.sim.Simulator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The official Node SDKs, npm {@code openai} and {@code @anthropic-ai/sdk} at the versions pinned
 * in src/test/node/package.json (the same as chorus-sim's SDK test), run unmodified as clients of
 * the gateway, which stands in front of a separately started simulator as it would in front of
 * {@code chorus sim}: create, stream, a workflow model, errors as the SDKs' own classes, and their
 * retries meeting the gateway's 429; then LangChain4j's OpenAI chat models (plain, a workflow, and
 * its own exception classes). The packages are installed from the npm registry into target/node-sdk
 * (once per clean build).
 */
class OfficialClientsTest {

  static final Path SOURCE = Path.of("src", "test", "node");
  static final Path WORK = Path.of("target", "node-sdk");
  static final String KEY = "gw-sdk-key-0001";
  static final String PACED = "gw-paced-key-0002";

  @TempDir Path dir;

  static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }

  static String run(List<String> command, Path dir, int timeoutSeconds)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
    }
    String text = new String(out, StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new AssertionError(command + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }

  static void install() throws Exception {
    Files.createDirectories(WORK);
    for (String f : List.of("package.json", "gateway-check.mjs", "shared-limit.mjs")) {
      Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/openai"))
        || !Files.isDirectory(WORK.resolve("node_modules/@anthropic-ai/sdk"))) {
      run(
          List.of(
              "npm", "install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error"),
          WORK,
          300);
    }
  }

  @Test
  void officialSdksWorkUnmodifiedAgainstTheGateway() throws Exception {
    install();
    try (Simulator sim =
            Simulator.builder()
                .config(SimConfig.load(Path.of("../examples/patterns/moderation.sim.yaml")))
                .port(0)
                .start();
        TestGateway t =
            TestGateway.start(
                dir,
                """
            gateway:
              keys:
                sdk: {sha256: %s}
                paced: {sha256: %s, rpm: 6}
              workflows:
                moderation: {vote: ../examples/patterns/moderation.voters.yaml}
            """
                    .formatted(sha256(KEY), sha256(PACED)),
                Map.of(
                    "OPENAI_API_KEY",
                    "sk-gateway-own-openai",
                    "OPENAI_BASE_URL",
                    sim.baseUrl("openai") + "/v1",
                    "ANTHROPIC_API_KEY",
                    "sk-gateway-own-anthropic",
                    "ANTHROPIC_BASE_URL",
                    sim.baseUrl("anthropic"),
                    "XAI_API_KEY",
                    "xai-gateway-own",
                    "XAI_BASE_URL",
                    sim.baseUrl("xai") + "/v1",
                    "CHORUS_SIM_URL",
                    sim.baseUrl()),
                b -> {})) {
      String out =
          run(List.of("node", "gateway-check.mjs", t.gateway.baseUrl(), KEY, PACED), WORK, 180);

      // the simulator behind the gateway's base URL labels its answers: synthetic
      assertThat(out).containsPattern("openai create: (stop|length) \\d+ synthetic true");
      assertThat(out)
          .containsPattern("openai stream: [1-9]\\d* chars, usage \\{\"prompt_tokens\":\\d+");
      assertThat(out)
          .containsPattern("anthropic create: (end_turn|max_tokens) \\{\"input_tokens\":\\d+");
      assertThat(out)
          .containsPattern(
              "anthropic stream: [1-9]\\d* chars in [1-9]\\d* deltas (end_turn|max_tokens)");
      assertThat(out)
          .containsPattern(
              "openai workflow: (acceptable|needs_review|rejected) tally \\{.*\\} calls 5");
      assertThat(out)
          .containsPattern("anthropic workflow stream: (acceptable|needs_review|rejected)");
      assertThat(out).contains("openai error class: NotFoundError 404 model_not_found");
      assertThat(out)
          .contains("anthropic error class: AuthenticationError 401 authentication_error");
      assertThat(out).contains("anthropic bad request: BadRequestError 400");
      for (String sdk : List.of("openai", "anthropic")) {
        Matcher m = Pattern.compile(sdk + " retried after 429 in (\\d+) ms: true").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Integer.parseInt(m.group(1))).as(out).isGreaterThanOrEqualTo(500);
      }
      String metrics = t.get("/metrics").body();
      for (String path : List.of("/v1/chat/completions", "/v1/messages")) {
        assertThat(metrics)
            .containsPattern(
                "chorus_gateway_requests_seconds_count\\{key=\"paced\",path=\""
                    + path
                    + "\",status=\"429\"\\} [1-9]");
      }
      // the upstream never saw a 429: the gateway's own limit answered it
      assertThat(sim.stats().totals().rateLimited()).isZero();

      langChain4j(t);
    }
  }

  /**
   * LangChain4j's OpenAI chat model, unmodified, pointed at the gateway. (Its streaming model needs
   * a langchain4j-core newer than the 1.8.0 the embeddings pin, so it is not run here.)
   */
  private static void langChain4j(TestGateway t) throws Exception {
    String base = t.gateway.baseUrl() + "/v1";
    OpenAiChatModel chat =
        OpenAiChatModel.builder()
            .baseUrl(base)
            .apiKey(KEY)
            .modelName("gpt-4o-mini")
            .maxTokens(40)
            .build();
    assertThat(chat.chat("hello")).isNotBlank();
    OpenAiChatModel workflow =
        OpenAiChatModel.builder().baseUrl(base).apiKey(KEY).modelName("chorus/moderation").build();
    assertThat(
            workflow.chat("Classify the following user content: 'We should organize a protest!'"))
        .isIn("acceptable", "needs_review", "rejected");
    OpenAiChatModel unknown =
        OpenAiChatModel.builder()
            .baseUrl(base)
            .apiKey(KEY)
            .modelName("nosuch:model")
            .maxRetries(0)
            .build();
    assertThatThrownBy(() -> unknown.chat("hello")).isInstanceOf(ModelNotFoundException.class);
    OpenAiChatModel badKey =
        OpenAiChatModel.builder()
            .baseUrl(base)
            .apiKey("not-a-gateway-key")
            .modelName("gpt-4o-mini")
            .maxRetries(0)
            .build();
    assertThatThrownBy(() -> badKey.chat("hello")).isInstanceOf(AuthenticationException.class);
  }
}
