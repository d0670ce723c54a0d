package io.chorus.agents;

import com.fasterxml.jackson.databind.JsonNode;
import io.chorus.common.internal.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Names of the built-in agents other modules build on, and the shared security findings schema. The
 * agents themselves are resource files under {@code /agents}; load them with {@link
 * AgentRegistry#builtIn()} or {@link AgentRegistry#standard}.
 */
public final class AgentLibrary {
  private AgentLibrary() {}

  /** The five security reviewers, whose output_schema is {@link #findingsSchema()}. */
  public static final List<String> SECURITY_REVIEWERS =
      List.of(
          "security-injection",
          "security-auth",
          "security-crypto",
          "security-data-protection",
          "security-general");

  /** The five moderator personas (decision: acceptable, needs_review or rejected). */
  public static final List<String> MODERATORS =
      List.of(
          "moderator-strict",
          "moderator-balanced",
          "moderator-lenient",
          "moderator-context-analyst",
          "moderator-policy-expert");

  /** The three translator personas (input: text, target_language). */
  public static final List<String> TRANSLATORS =
      List.of("translator-formal", "translator-casual", "translator-technical");

  public static final String SYNTHESIZER = "synthesizer";
  public static final String JUDGE = "judge";
  public static final String JVM_CONCURRENCY_EXPERT = "jvm-concurrency-expert";

  /**
   * The JSON Schema of a security review answer: {@code {"findings": [{type, cwe, severity, file,
   * line_start, line_end, description, recommendation, confidence}], "overall_risk"}}. A fresh copy
   * on every call.
   */
  public static JsonNode findingsSchema() {
    try (InputStream in =
        AgentLibrary.class.getResourceAsStream("/schemas/security-findings.schema.json")) {
      return Json.MAPPER.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "the findings schema resource is missing from chorus-agents", e);
    }
  }
}
