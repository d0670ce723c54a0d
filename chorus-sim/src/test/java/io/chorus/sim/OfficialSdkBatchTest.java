package io.chorus.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The official Node SDKs' batch methods, unmodified, against the simulator: {@code
 * client.messages.batches.create / retrieve / results / list / cancel} from {@code
 * @anthropic-ai/sdk}, and {@code client.files.create / content} with {@code client.batches.create /
 * retrieve / cancel / list} from {@code openai}, at the versions pinned in src/test/node (installed
 * as {@link OfficialSdkTest} does). Batches take 100 ms; one item per batch fails.
 */
class OfficialSdkBatchTest {

  @Test
  void officialSdkBatchMethodsWorkUnmodified() throws Exception {
    Files.createDirectories(OfficialSdkTest.WORK);
    for (String f : List.of("package.json", "sdk-batch-check.mjs")) {
      Files.copy(
          OfficialSdkTest.SOURCE.resolve(f),
          OfficialSdkTest.WORK.resolve(f),
          StandardCopyOption.REPLACE_EXISTING);
    }
    if (!Files.isDirectory(OfficialSdkTest.WORK.resolve("node_modules/openai"))
        || !Files.isDirectory(OfficialSdkTest.WORK.resolve("node_modules/@anthropic-ai/sdk"))) {
      OfficialSdkTest.run(
          List.of("npm", "install", "--no-audit", "--no-fund", "--loglevel=error"),
          OfficialSdkTest.WORK,
          300);
    }
    try (Simulator sim =
        Simulator.builder()
            .config(SimConfig.load(OfficialSdkTest.SOURCE.resolve("sdk-batch-check.sim.yaml")))
            .start()) {
      String out =
          OfficialSdkTest.run(
              List.of("node", "sdk-batch-check.mjs", sim.baseUrl()), OfficialSdkTest.WORK, 120);

      assertThat(out)
          .contains("anthropic batch created: true in_progress")
          .contains(
              "anthropic batch ended: {\"processing\":0,\"succeeded\":2,\"errored\":1,\"canceled\":0,\"expired\":0} results_url true")
          .containsPattern("anthropic result item-a succeeded true \\{\"input_tokens\":\\d+")
          .contains("anthropic result item-b errored api_error")
          .contains("anthropic list has it: true")
          .contains("anthropic cancel: canceling true")
          .containsPattern("anthropic cancelled counts: \\{\"processing\":0,.*\"canceled\":[12]")
          .contains("anthropic missing batch: NotFoundError 404");
      assertThat(out)
          .contains("openai file: true batch true")
          .contains("openai batch completed")
          .contains("{\"total\":3,\"completed\":2,\"failed\":1} metadata sdk-check")
          .contains("openai output req-x 200 true usage true")
          .contains("openai output req-z 200 true usage true")
          .contains("openai error req-y 529")
          .contains("openai cancel: cancelling")
          .contains("openai cancelled: cancelled")
          .contains("openai list has it: true");
      // created while validating (in_progress and finalizing last 100 and 10 ms: a loaded machine
      // may poll past them)
      assertThat(out).containsPattern("statuses seen validating,.*completed");
      // every item was answered once, as a call: two batches of 3 each side, minus cancelled ones
      assertThat(sim.stats().forModel("flaky").requests()).isEqualTo(1);
    }
  }
}
