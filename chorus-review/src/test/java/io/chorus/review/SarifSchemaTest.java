package io.chorus.review;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import io.chorus.core.FailurePolicy;
import io.chorus.core.Usage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Validates Chorus's SARIF against the official SARIF 2.1.0 JSON Schema. The schema is not
 * committed: the test fetches it once from the npm registry (package @microsoft/jest-sarif, MIT,
 * which ships schemastore's sarif-2.1.0-rtm.5.json) into target/.
 */
class SarifSchemaTest {
  static final Path DIR = Path.of("target", "sarif-schema");
  static final Path SCHEMA = DIR.resolve("package/lib/schemas/sarif-2.1.0-rtm.5.json");

  static Path schema() throws IOException, InterruptedException {
    if (!Files.exists(SCHEMA)) {
      Files.createDirectories(DIR);
      run(
          List.of(
              "npm",
              "pack",
              "@microsoft/jest-sarif@1.0.0-beta.0",
              "--silent",
              "--pack-destination",
              DIR.toString()));
      run(
          List.of(
              "tar",
              "xzf",
              DIR.resolve("microsoft-jest-sarif-1.0.0-beta.0.tgz").toString(),
              "-C",
              DIR.toString()));
    }
    return SCHEMA;
  }

  static void run(List<String> command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new AssertionError("could not fetch the SARIF schema with " + command + ": " + out);
    }
  }

  static ReviewResult sample() {
    Finding a =
        new Finding(
            "security-injection",
            "SQL injection",
            "CWE-89",
            Severity.CRITICAL,
            "src/login.py",
            4,
            5,
            "f-string SQL",
            "parameterize",
            0.9,
            "json");
    Finding b =
        new Finding(
            "security-auth",
            "SQL injection",
            "CWE-89",
            Severity.HIGH,
            "src/login.py",
            4,
            4,
            "user input in SQL",
            "bind parameters",
            0.8,
            "json");
    Finding c =
        new Finding(
            "security-crypto",
            "Weak reset token",
            null,
            Severity.MEDIUM,
            "src/login.py",
            26,
            26,
            "4-digit token",
            "use secrets",
            0.6,
            "text");
    FindingGroup confirmed = FindingGroups.toGroup(List.of(a, b), 2);
    FindingGroup potential = FindingGroups.toGroup(List.of(c), 2);
    Finding planted =
        new Finding(
            "chorus-injection-guard",
            "Prompt injection aimed at AI reviewers",
            "CWE-1427",
            Severity.MEDIUM,
            "src/login.py",
            1,
            1,
            "planted",
            "remove",
            0.9,
            "scan");
    return new ReviewResult(
        List.of("src/login.py"),
        List.of(),
        1,
        2,
        FailurePolicy.IGNORE,
        List.of(),
        List.of(confirmed, potential),
        List.of(planted),
        "critical",
        0.6,
        null,
        false,
        Usage.ZERO,
        0,
        Duration.ofMillis(5));
  }

  @Test
  void sarifValidatesAgainstTheSarif210Schema() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonNode schemaNode = json.readTree(schema().toFile());
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(schemaNode);
    JsonNode sarif = json.readTree(ReviewReport.toSarif(sample(), "0.1.0"));
    Set<ValidationMessage> errors = schema.validate(sarif);
    assertThat(errors).isEmpty();
    assertThat(sarif.at("/runs/0/results")).hasSize(3);
    assertThat(sarif.at("/runs/0/results/0/level").asText()).isEqualTo("error");
    assertThat(sarif.at("/runs/0/results/1/level").asText()).isEqualTo("note");
    assertThat(sarif.at("/runs/0/tool/driver/rules/0/properties/security-severity").asText())
        .isEqualTo("9.5");
    // a SARIF document that breaks the schema is caught: the test can fail
    ((com.fasterxml.jackson.databind.node.ObjectNode) sarif).put("version", "9.9");
    assertThat(schema.validate(sarif)).isNotEmpty();
  }

  @Test
  void aDegradedReviewValidatesAndSaysItsExecutionFailed() throws Exception {
    ObjectMapper json = new ObjectMapper();
    JsonSchema schema =
        JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4)
            .getSchema(json.readTree(schema().toFile()));
    ReviewerReport failed =
        new ReviewerReport(
            "security-auth",
            io.chorus.core.ModelId.parse("sim:fast"),
            List.of(),
            null,
            "connection_failed: refused",
            "connection_failed",
            1,
            0,
            0,
            Usage.ZERO,
            0,
            true);
    ReviewResult s = sample();
    ReviewResult degraded =
        new ReviewResult(
            s.files(),
            s.skipped(),
            1,
            2,
            FailurePolicy.IGNORE,
            List.of(failed),
            s.groups(),
            s.injectionAttempts(),
            "unknown",
            0,
            null,
            true,
            Usage.ZERO,
            0,
            Duration.ofMillis(5));
    JsonNode sarif = json.readTree(ReviewReport.toSarif(degraded, "0.1.0"));
    assertThat(schema.validate(sarif)).isEmpty();
    assertThat(sarif.at("/runs/0/invocations/0/executionSuccessful").asBoolean(true)).isFalse();
    assertThat(sarif.at("/runs/0/invocations/0/toolExecutionNotifications/0/message/text").asText())
        .contains("security-auth")
        .contains("connection_failed");
    assertThat(
            json.readTree(ReviewReport.toSarif(sample(), "0.1.0"))
                .at("/runs/0/invocations/0/executionSuccessful")
                .asBoolean())
        .isTrue();
  }
}
