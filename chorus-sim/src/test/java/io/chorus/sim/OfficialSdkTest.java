package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The official Node SDKs, npm {@code openai} and {@code @anthropic-ai/sdk} at the versions pinned
 * in src/test/node/package.json, run unmodified against the simulator: create and stream with both,
 * their own retries honouring a simulated 429's retry-after, and their error classes. The test
 * set-up installs the packages from the npm registry into target/node-sdk (once per clean build).
 *
 * <p>Over plain HTTP and over TLS ({@code Simulator.Builder.tls()}, as {@code chorus sim --tls}),
 * where Node trusts the simulator's authority through {@code NODE_EXTRA_CA_CERTS}, the path the
 * SDKs take to a hosted provider.
 */
class OfficialSdkTest {
  static final Path SOURCE = Path.of("src", "test", "node");
  static final Path WORK = Path.of("target", "node-sdk");

  static String run(List<String> command, Path dir, int timeoutSeconds)
      throws IOException, InterruptedException {
    return run(command, dir, timeoutSeconds, Map.of());
  }

  static String run(List<String> command, Path dir, int timeoutSeconds, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().putAll(env);
    Process p = pb.start();
    byte[] out = p.getInputStream().readAllBytes();
    if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish in " + timeoutSeconds + " s");
    }
    String text = new String(out);
    if (p.exitValue() != 0) {
      throw new AssertionError(command + " exited " + p.exitValue() + ":\n" + text);
    }
    return text;
  }

  @ParameterizedTest(name = "tls={0}")
  @ValueSource(booleans = {false, true})
  void officialSdksWorkUnmodifiedAgainstTheSimulator(boolean tls) throws Exception {
    Files.createDirectories(WORK);
    for (String f : List.of("package.json", "sdk-check.mjs")) {
      Files.copy(SOURCE.resolve(f), WORK.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(WORK.resolve("node_modules/openai"))
        || !Files.isDirectory(WORK.resolve("node_modules/@anthropic-ai/sdk"))) {
      run(List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"), WORK, 300);
    }
    try (Simulator sim =
        Simulator.builder()
            .config(SimConfig.load(SOURCE.resolve("sdk-check.sim.yaml")))
            .tls(tls)
            .start()) {
      Map<String, String> env = Map.of();
      if (tls) {
        Path ca = Files.writeString(WORK.resolve("sim-ca.pem"), sim.caCertificatePem());
        env = Map.of("NODE_EXTRA_CA_CERTS", ca.toAbsolutePath().toString());
        assertThat(sim.baseUrl()).startsWith("https://");
      }
      String out = run(List.of("node", "sdk-check.mjs", sim.baseUrl()), WORK, 120, env);

      assertThat(out)
          .contains("openai create:")
          .contains("openai stream:")
          .contains("anthropic create:");
      assertThat(out)
          .containsPattern(
              "anthropic stream: \\d+ chars (end_turn|max_tokens) \\{\"input_tokens\"");
      assertThat(out).containsPattern("openai stream: \\d+ chars, usage \\{\"prompt_tokens\":\\d+");
      // each SDK's own retry waited for the simulated 429's retry-after (300 ms)
      for (String sdk : List.of("openai", "anthropic")) {
        Matcher m = Pattern.compile(sdk + " retried after 429 in (\\d+) ms: true").matcher(out);
        assertThat(m.find()).as(out).isTrue();
        assertThat(Integer.parseInt(m.group(1))).isGreaterThanOrEqualTo(280);
      }
      assertThat(sim.stats().forModel("retry-me").requests()).isEqualTo(2);
      assertThat(sim.stats().forModel("retry-me-too").requests()).isEqualTo(2);
      assertThat(out).contains("anthropic error class: InternalServerError 500 api_error");
      assertThat(out).containsPattern("openai error class: RateLimitError 429 insufficient_quota");
      assertThat(out).contains("anthropic mid-stream error:");
    }
  }
}
