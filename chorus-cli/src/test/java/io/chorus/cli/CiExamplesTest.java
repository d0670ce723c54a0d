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
 * and reviews the work tree against HEAD. {@code act} does not install here, so nothing runs the
 * workflow itself.
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
  void thePreCommitScriptIsPosixShAndReviewsTheWorkTreeAgainstHead() throws Exception {
    Path script = CI.resolve("pre-commit");
    assertThat(Files.isExecutable(script)).isTrue();
    Process p = new ProcessBuilder("sh", "-n", script.toString()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(Files.readString(script)).contains("review --diff HEAD --fail-on");
  }
}
