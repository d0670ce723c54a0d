package io.chorus.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.chorus.core.ModelId;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentFileTest {

  static Path seed(String name) throws URISyntaxException {
    return Path.of(AgentFileTest.class.getResource("/seed/" + name).toURI());
  }

  static List<String> errors(String text) {
    try {
      Agents.parse("broken.md", text, ModelAliases.defaults());
    } catch (DefinitionException e) {
      return e.problems().stream().filter(Problem::isError).map(Problem::toString).toList();
    }
    return List.of();
  }

  @Test
  void seed001LoadsUnmodified() throws Exception {
    AgentDefinition a = Agents.parse(seed("05-async-concurrency.md"));
    assertThat(a.name()).isEqualTo("05-async-concurrency");
    assertThat(a.version()).isEqualTo("2.1.0");
    assertThat(a.modelSpec()).isEqualTo("sonnet");
    assertThat(a.model()).isEqualTo(ModelId.parse("anthropic:claude-sonnet-4-5"));
    assertThat(a.tools()).containsExactly("All tools");
    assertThat(a.capabilities())
        .containsExactly(
            "asyncio",
            "threading",
            "multiprocessing",
            "coroutines",
            "async-io",
            "concurrent-futures");
    assertThat(a.inputSchema().at("/properties/context/properties/workload_type/enum").toString())
        .isEqualTo("[\"io-bound\",\"cpu-bound\",\"mixed\"]");
    assertThat(a.outputSchema().at("/properties/code_examples/type").asText()).isEqualTo("array");
    assertThat(a.errorHandling())
        .isEqualTo(
            new ErrorHandling(RetryStrategy.EXPONENTIAL_BACKOFF, 3, "01-python-fundamentals"));
    assertThat(a.tokenOptimization()).isEqualTo(new TokenOptimization(8000, 4000, true));
    assertThat(a.extras()).containsOnlyKeys("sasmp_version", "eqhm_enabled");
    assertThat(a.systemPrompt())
        .startsWith("\n# Async & Concurrency Agent")
        .contains("## Related Agents");
    assertThat(a.lineOf("/error_handling/fallback_agent")).isEqualTo(38);
    assertThat(a.relatedAgents())
        .extracting(RelatedAgent::agent)
        .containsExactly("01-python-fundamentals", "02-web-development", "07-best-practices");
    RelatedAgent first = a.relatedAgents().get(0);
    assertThat(first.relationship()).isEqualTo("Previous");
    assertThat(first.trigger()).isEqualTo("Python basics needed");
    assertThat(first.keywords()).containsExactly("python", "basic");
    assertThat(first.line()).isEqualTo(308);
  }

  @Test
  void unknownKeysOfSeed001AreWarningsWithLines() throws Exception {
    List<Problem> problems = Agents.validate(seed("05-async-concurrency.md"));
    assertThat(problems).filteredOn(Problem::isError).isEmpty();
    assertThat(problems.stream().map(Problem::toString).toList())
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "05-async-concurrency.md:7: warning: unknown key 'sasmp_version' (kept, but Chorus does not use it)"))
        .anySatisfy(
            p ->
                assertThat(p)
                    .endsWith(
                        "05-async-concurrency.md:8: warning: unknown key 'eqhm_enabled' (kept, but Chorus does not use it)"));
  }

  @Test
  void badYamlReportsItsLine() {
    String text = "---\nname: x\ninput_schema:\n  type: object\n   properties: [\n---\nbody\n";
    List<String> errs = errors(text);
    assertThat(errs).hasSize(1);
    assertThat(errs.get(0)).startsWith("broken.md:5: invalid YAML in front matter: ");
  }

  @Test
  void schemaThatIsNotAnObject() {
    List<String> errs =
        errors("---\nname: x\ninput_schema: just a string\noutput_schema: [1, 2]\n---\nbody\n");
    assertThat(errs)
        .containsExactly(
            "broken.md:3: input_schema must be a JSON Schema object (a mapping), found the string 'just a string'",
            "broken.md:4: output_schema must be a JSON Schema object (a mapping), found a list");
  }

  @Test
  void inputSchemaMustDescribeAnObjectAndBeValidJsonSchema() {
    List<String> errs =
        errors(
            "---\nname: x\ninput_schema:\n  type: string\noutput_schema:\n  type: object\n  properties:\n    a: { type: strng }\n---\nbody\n");
    assertThat(errs).hasSize(2);
    assertThat(errs.get(0))
        .isEqualTo(
            "broken.md:4: input_schema must describe an object (type: object), found type: \"string\"");
    assertThat(errs.get(1))
        .startsWith("broken.md:8: output_schema is not a valid JSON Schema: $.properties.a.type");
  }

  @Test
  void missingNameNegativeRetriesUnknownStrategy() {
    List<String> errs =
        errors(
            "---\ndescription: d\nerror_handling:\n  retry_strategy: linear_backoff\n  max_retries: -1\n---\nbody\n");
    assertThat(errs)
        .containsExactly(
            "broken.md:4: unknown retry_strategy 'linear_backoff' (known: exponential_backoff, fixed_delay, none)",
            "broken.md:5: max_retries must not be negative, found -1",
            "broken.md:1: missing required key 'name'");
  }

  @Test
  void templateVariableNotDeclaredInInputSchema() {
    String text =
        "---\nname: t\ninput_schema:\n  type: object\n  properties:\n    text: { type: string }\n---\n\n"
            + "Translate {{text}} into {{language}}.\nA literal \\{{braces}} is fine.\n";
    assertThat(errors(text))
        .containsExactly(
            "broken.md:9: template variable {{language}} is not a property of input_schema (its properties: text);"
                + " declare it or write \\{{ for a literal {{");
  }

  @Test
  void aMalformedTemplateVariableInTheBodyNamesTheFileAndItsLine() {
    // the template source of an agent file: its errors carry file and line like every other
    String text = "---\nname: t\n---\n\nSummarise.\n\n{{ two words }}\n";
    assertThat(errors(text))
        .singleElement()
        .asString()
        .startsWith("broken.md:7: '{{two words}}' is not a variable");
  }

  @Test
  void frontMatterMissingOrUnclosedAndDuplicateKeys() {
    assertThat(errors("# just markdown\n"))
        .containsExactly(
            "broken.md:1: an agent file must start with a '---' line opening its YAML front matter");
    assertThat(errors("---\nname: x\n"))
        .containsExactly(
            "broken.md:1: the front matter opened on line 1 is never closed by a '---' line");
    assertThat(errors("---\nname: x\nmodel: sonnet\nname: y\n---\nb\n"))
        .containsExactly("broken.md:4: duplicate key 'name' (first on line 2)");
  }

  @Test
  void unknownModelAliasAndTokenLimits() {
    List<String> errs =
        errors(
            "---\nname: x\nmodel: sonet\ntoken_optimization:\n  max_context_tokens: 0\n  prefer_concise: yes please\n---\nb\n");
    assertThat(errs).hasSize(3);
    assertThat(errs.get(0))
        .startsWith("broken.md:3: model: unknown model 'sonet': write provider:model");
    assertThat(errs.get(1)).isEqualTo("broken.md:5: max_context_tokens must be positive, found 0");
    assertThat(errs.get(2))
        .isEqualTo("broken.md:6: prefer_concise must be true or false, found \"yes please\"");
  }

  @Test
  void aliasesAreOverridableAndProviderModelIsTakenAsIs() {
    ModelAliases aliases = ModelAliases.defaults().with("sonnet", "sim:fast");
    assertThat(Agents.parse("a.md", "---\nname: a\nmodel: sonnet\n---\nb", aliases).model())
        .isEqualTo(ModelId.parse("sim:fast"));
    assertThat(Agents.parse("a.md", "---\nname: a\nmodel: openai:gpt-5\n---\nb", aliases).model())
        .isEqualTo(ModelId.parse("openai:gpt-5"));
    assertThat(Agents.parse("a.md", "---\nname: a\nmodel: inherit\n---\nb", aliases).model())
        .isNull();
    assertThat(ModelAliases.defaults().resolve("haiku"))
        .contains(ModelId.parse("anthropic:claude-haiku-4-5"));
    assertThat(ModelAliases.defaults().resolve("grok")).contains(ModelId.parse("xai:grok-4"));
  }

  @Test
  void aliasesLoadFromAPropertiesFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    Path file = dir.resolve("models.properties");
    java.nio.file.Files.writeString(file, "sonnet = sim:fast\nlocal=ollama:qwen2.5:7b\n");
    ModelAliases aliases = ModelAliases.defaults().load(file);
    assertThat(aliases.resolve("sonnet")).contains(ModelId.parse("sim:fast"));
    assertThat(aliases.resolve("LOCAL")).contains(new ModelId("ollama", "qwen2.5:7b"));
    assertThat(aliases.resolve("opus")).contains(ModelId.parse("anthropic:claude-opus-4-1"));
    java.nio.file.Files.writeString(file, "bad = nocolon\n");
    assertThatThrownBy(() -> ModelAliases.defaults().load(file))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            file + ": alias 'bad': model 'nocolon' must be written as provider:model");
  }

  @Test
  void parseThrowsWithEveryErrorInTheMessage() {
    assertThatThrownBy(
            () ->
                Agents.parse(
                    "b.md",
                    "---\nname: x\nerror_handling:\n  max_retries: -2\ninput_schema: 3\n---\n",
                    ModelAliases.defaults()))
        .isInstanceOf(DefinitionException.class)
        .hasMessage(
            "b.md:4: max_retries must not be negative, found -2\nb.md:5: input_schema must be a JSON Schema object (a mapping), found number 3");
  }

  @Test
  void retryStrategyMapsOntoEnginePolicy() {
    assertThat(RetryStrategy.EXPONENTIAL_BACKOFF.toPolicy(3).maxRetries()).isEqualTo(3);
    assertThat(RetryStrategy.EXPONENTIAL_BACKOFF.toPolicy(3).multiplier()).isEqualTo(2.0);
    assertThat(RetryStrategy.FIXED_DELAY.toPolicy(2).multiplier()).isEqualTo(1.0);
    assertThat(RetryStrategy.NONE.toPolicy(5).maxRetries()).isZero();
  }

  @Test
  void unreadableAgentPathIsAProblem() throws IOException {
    assertThat(Agents.validate(Path.of("/no/such/agents")).get(0).toString())
        .isEqualTo("/no/such/agents:0: no such file or folder");
  }
}
