package io.chorus.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * examples/ci: the GitHub Actions workflow is valid against a workflow schema vendored in the test
 * resources (a minimal one: see its $comment) and does what its comments say (review the changed
 * lines, upload the SARIF it wrote, fail on --fail-on); the pre-commit script parses as POSIX sh
 * and reviews the work tree against HEAD. The workflow is also checked against the published GitHub
 * workflow schema (SchemaStore's, as bundled in the npm {@code @action-validator/cli}, pinned in
 * src/test/node/action-validator and installed from the npm registry into target). {@code act} does
 * not install here, so nothing runs the workflow itself.
 */
class CiExamplesTest {

  static final Path CI = DeliberateAndReviewCommandTest.EXAMPLES.resolve("ci");

  @Test
  void theWorkflowIsValidAndUploadsTheSarifItWritesAndFailsOnFindings() throws Exception {
    JsonNode wf =
        new ObjectMapper(new YAMLFactory()).readTree(CI.resolve("chorus-review.yml").toFile());
    JsonSchema schema;
    try (var in = getClass().getResourceAsStream("/github-workflow.schema.json")) {
      schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012).getSchema(in);
    }
    assertThat(schema.validate(wf)).as("schema errors").isEmpty();
    // the schema catches what GitHub would reject: a step with neither uses nor run
    JsonNode broken = wf.deepCopy();
    ((com.fasterxml.jackson.databind.node.ArrayNode) broken.at("/jobs/review/steps"))
        .addObject()
        .put("name", "nothing");
    assertThat(schema.validate(broken)).isNotEmpty();

    assertThat(wf.at("/on/pull_request").isMissingNode()).isFalse();
    assertThat(wf.at("/permissions/security-events").asText()).isEqualTo("write");
    List<JsonNode> steps = new ArrayList<>();
    wf.at("/jobs/review/steps").forEach(steps::add);
    JsonNode review =
        steps.stream()
            .filter(s -> s.path("run").asText().contains("chorus review"))
            .findFirst()
            .orElseThrow();
    String run = review.path("run").asText();
    assertThat(run)
        .contains("--diff \"origin/${{ github.base_ref }}..HEAD\"")
        .contains("--fail-on high");
    String sarif = run.replaceAll("(?s).*--sarif (\\S+).*", "$1");
    JsonNode upload =
        steps.stream()
            .filter(s -> s.path("uses").asText().startsWith("github/codeql-action/upload-sarif@"))
            .findFirst()
            .orElseThrow();
    assertThat(upload.at("/with/sarif_file").asText()).isEqualTo(sarif);
    assertThat(upload.path("if").asText()).contains("always()");
    JsonNode fail = steps.getLast();
    assertThat(fail.path("if").asText())
        .contains("steps." + review.path("id").asText() + ".outputs.exit");
    assertThat(fail.path("run").asText()).contains("exit 1");
    assertThat(steps.getFirst().at("/with/fetch-depth").asInt()).isZero();
  }

  @Test
  void theWorkflowPassesGitHubsPublishedSchema() throws Exception {
    Path work = Path.of("target/action-validator");
    Files.createDirectories(work);
    Files.copy(
        Path.of("src/test/node/action-validator/package.json"),
        work.resolve("package.json"),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Path validator = work.resolve("node_modules/.bin/action-validator");
    if (!Files.isExecutable(validator)) {
      assertThat(
              exec(
                  work,
                  "npm",
                  "install",
                  "--no-audit",
                  "--no-fund",
                  "--prefer-offline",
                  "--loglevel=error"))
          .isZero();
    }
    Path wf = CI.resolve("chorus-review.yml").toAbsolutePath();
    assertThat(exec(work, validator.toAbsolutePath().toString(), wf.toString())).isZero();
    // and it is a real check: a misspelt key GitHub would reject fails it
    Path broken = work.resolve("broken.yml");
    Files.writeString(broken, Files.readString(wf).replaceFirst("runs-on:", "runs_on:"));
    assertThat(exec(work, validator.toAbsolutePath().toString(), broken.toString())).isNotZero();
  }

  private static int exec(Path dir, String... command) throws Exception {
    Process p =
        new ProcessBuilder(command)
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("last-run.log").toFile())
            .start();
    if (!p.waitFor(300, java.util.concurrent.TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in 300 s");
    }
    return p.exitValue();
  }

  @Test
  void thePreCommitScriptIsPosixShAndReviewsTheWorkTreeAgainstHead() throws Exception {
    Path script = CI.resolve("pre-commit");
    assertThat(Files.isExecutable(script)).isTrue();
    Process p = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(Files.readString(script)).contains("review --diff HEAD --fail-on");
  }
}
