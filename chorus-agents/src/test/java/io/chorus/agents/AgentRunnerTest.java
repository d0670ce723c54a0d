package io.chorus.agents;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.chorus.agents.AgentResult.Reason;
import io.chorus.core.ChatRequest;
import io.chorus.core.Engine;
import io.chorus.core.Message;
import io.chorus.core.ModelId;
import io.chorus.core.Role;
import io.chorus.testing.FakeClock;
import io.chorus.testing.FakeProvider;
import io.chorus.testing.FakeProvider.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The runner through a real engine and a scripted fake provider; time is a fake clock. */
class AgentRunnerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final ModelAliases ALIASES = ModelAliases.defaults().with("sonnet", "fake:model");
  static final String VALID =
      "Here you go.\n```json\n{\"response\": \"Use asyncio.gather for I/O-bound fan-out.\", \"code_examples\": [\"await asyncio.gather(*tasks)\"],"
          + " \"performance_notes\": \"bounded by a semaphore\"}\n```\n";
  static final String VALID_FUNDAMENTALS =
      "{\"response\": \"A list is an ordered, mutable sequence.\"}";

  @TempDir Path tmp;
  final FakeClock clock = new FakeClock();
  Engine engine;

  @AfterEach
  void close() {
    if (engine != null) {
      engine.close();
    }
  }

  static Predicate<ChatRequest> agent(String name) {
    return r -> name.equals(r.metadata().get("agent"));
  }

  static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  AgentRunner runner(FakeProvider fake, AgentRegistry registry) {
    engine = Engine.builder().provider(fake).time(clock).sleeper(clock).seed(7).build();
    return AgentRunner.builder(registry).build();
  }

  static AgentRegistry seedRegistry() throws Exception {
    return AgentRegistry.builder()
        .aliases(ALIASES)
        .folder(AgentFileTest.seed("05-async-concurrency.md").getParent())
        .build();
  }

  /**
   * An agent run is a pattern: it runs on whichever engine it is given, as a task of a fan-out too.
   */
  @Test
  void anAgentRunIsAPatternRunOnTheEngineItIsGiven() throws Exception {
    FakeProvider fake = FakeProvider.builder("fake").clock(clock).script(Reply.text(VALID)).build();
    AgentRun step =
        runner(fake, seedRegistry())
            .pattern(
                "05-async-concurrency",
                json(
                    "{\"query\": \"Fetch 500 URLs\", \"context\": {\"workload_type\": \"io-bound\"}}"));
    assertThat(step.name()).isEqualTo("05-async-concurrency");

    var run =
        engine.run(
            List.of(step.asTask()),
            io.chorus.core.RunOptions.of(io.chorus.core.FailurePolicy.IGNORE));
    AgentResult result =
        ((io.chorus.core.Outcome.Success<AgentResult>) run.outcomes().get(0)).value();

    assertThat(result.ok()).isTrue();
    assertThat(result.text()).contains("Use asyncio.gather");
    JsonNode json = new ObjectMapper().readTree(result.toJson());
    assertThat(json.get("answered_by").asText()).isEqualTo("05-async-concurrency");
    assertThat(json.at("/output/response").asText()).startsWith("Use asyncio.gather");
    assertThat(result.toMarkdown())
        .startsWith("# Agent 05-async-concurrency")
        .contains("Use asyncio.gather");
  }

  @Test
  void seed001RunsWithSchemaValidOutput() throws Exception {
    FakeProvider fake = FakeProvider.builder("fake").clock(clock).script(Reply.text(VALID)).build();
    AgentResult result =
        runner(fake, seedRegistry())
            .run(
                engine,
                "05-async-concurrency",
                json(
                    "{\"query\": \"Fetch 500 URLs\", \"context\": {\"workload_type\": \"io-bound\"}}"));

    assertThat(result).isInstanceOf(AgentResult.Success.class);
    AgentResult.Success ok = (AgentResult.Success) result;
    assertThat(ok.output().get("response").asText()).startsWith("Use asyncio.gather");
    assertThat(ok.route()).containsExactly("05-async-concurrency");
    assertThat(ok.attempts()).hasSize(1);
    assertThat(ok.usage().outputTokens()).isPositive();

    ChatRequest sent = fake.requests().get(0);
    assertThat(sent.model()).isEqualTo(ModelId.parse("fake:model"));
    assertThat(sent.maxTokens()).isEqualTo(4000); // response_max_tokens
    assertThat(sent.system())
        .startsWith("# Async & Concurrency Agent")
        .contains(TokenOptimization.CONCISE_INSTRUCTION);
    // handover section: only related agents that are installed
    assertThat(sent.system())
        .contains("- 01-python-fundamentals: Python basics needed")
        .doesNotContain("- 02-web-development");
    assertThat(sent.lastUserMessage())
        .contains("\"workload_type\" : \"io-bound\"")
        .contains("\"performance_notes\"");
  }

  @Test
  void invalidInputIsRejectedBeforeAnyCallNamingTheField() throws Exception {
    FakeProvider fake = FakeProvider.builder("fake").clock(clock).script(Reply.text(VALID)).build();
    AgentResult result =
        runner(fake, seedRegistry())
            .run(
                engine,
                "05-async-concurrency",
                json("{\"query\": \"x\", \"context\": {\"workload_type\": \"gpu-bound\"}}"));
    AgentResult.Failure f = (AgentResult.Failure) result;
    assertThat(f.reason()).isEqualTo(Reason.INVALID_INPUT);
    assertThat(f.validationErrors())
        .containsExactly(
            "$.context.workload_type: does not have a value in the enumeration [\"io-bound\", \"cpu-bound\", \"mixed\"]");
    assertThat(f.message())
        .startsWith(
            "agent 05-async-concurrency: input does not match input_schema:\n$.context.workload_type");
    assertThat(fake.calls()).isZero();
  }

  @Test
  void invalidOutputGetsARepairRoundWithTheErrors() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("```json\n{\"response\": 42}\n```"), Reply.text(VALID))
            .build();
    AgentResult result =
        runner(fake, seedRegistry())
            .run(engine, "05-async-concurrency", json("{\"query\": \"threads or processes?\"}"));

    assertThat(result.isSuccess()).isTrue();
    assertThat(result.attempts()).extracting(AgentAttempt::round).containsExactly(0, 1);
    assertThat(result.attempts().get(0).validationErrors())
        .containsExactly("$.response: integer found, string expected");
    List<Message> repair = fake.requests().get(1).messages();
    assertThat(repair)
        .extracting(Message::role)
        .containsExactly(Role.USER, Role.ASSISTANT, Role.USER);
    assertThat(repair.get(1).content()).isEqualTo("```json\n{\"response\": 42}\n```");
    assertThat(repair.get(2).content())
        .startsWith(
            "Your answer did not validate against the output schema:\n- $.response: integer found, string expected\n");
  }

  @Test
  void afterMaxRetriesRepairRoundsTheFallbackAgentAnswers() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .on(agent("05-async-concurrency"), Reply.text("I think you should use threads."))
            .on(agent("01-python-fundamentals"), Reply.text(VALID_FUNDAMENTALS))
            .build();
    AgentResult result =
        runner(fake, seedRegistry())
            .run(engine, "05-async-concurrency", json("{\"query\": \"q\"}"));

    AgentResult.Success ok = (AgentResult.Success) result;
    assertThat(ok.agent()).isEqualTo("05-async-concurrency");
    assertThat(ok.answeredBy()).isEqualTo("01-python-fundamentals");
    assertThat(ok.route()).containsExactly("05-async-concurrency", "01-python-fundamentals");
    // max_retries: 3 -> 1 call + 3 repair rounds, then the fallback's single call
    assertThat(ok.attempts())
        .extracting(AgentAttempt::agent)
        .containsExactly(
            "05-async-concurrency",
            "05-async-concurrency",
            "05-async-concurrency",
            "05-async-concurrency",
            "01-python-fundamentals");
    assertThat(ok.attempts().get(3).validationErrors())
        .containsExactly(
            "$: the answer contains no JSON value (expected a JSON object in a ```json fenced block)");
    assertThat(ok.notes())
        .containsExactly(
            "05-async-concurrency -> 01-python-fundamentals: fallback after invalid_output");
  }

  @Test
  void whenTheFallbackFailsTooTheResultIsATypedFailure() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("{\"response\": [\"not\", \"a string\"]}"))
            .build();
    AgentResult result =
        runner(fake, seedRegistry())
            .run(engine, "05-async-concurrency", json("{\"query\": \"q\"}"));

    AgentResult.Failure f = (AgentResult.Failure) result;
    assertThat(f.reason()).isEqualTo(Reason.INVALID_OUTPUT);
    assertThat(f.validationErrors()).containsExactly("$.response: array found, string expected");
    assertThat(f.attempts()).hasSize(4 + 2);
    assertThat(f.route()).containsExactly("05-async-concurrency", "01-python-fundamentals");
    assertThat(f.message())
        .startsWith(
            "agent 05-async-concurrency: the answer did not match output_schema after 4 attempt(s):\n$.response: array found")
        .contains(
            "\nfallback 01-python-fundamentals failed too: agent 01-python-fundamentals: the answer did not match output_schema after 2 attempt(s)");
  }

  @Test
  void callFailureUsesTheEngineRetriesThenTheFallback() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .on(agent("05-async-concurrency"), Reply.serverError())
            .on(agent("01-python-fundamentals"), Reply.text(VALID_FUNDAMENTALS))
            .build();
    AgentResult result =
        runner(fake, seedRegistry())
            .run(engine, "05-async-concurrency", json("{\"query\": \"q\"}"));
    assertThat(result.isSuccess()).isTrue();
    // exponential_backoff with max_retries 3: four engine attempts, waits on the fake clock
    assertThat(fake.requests().stream().filter(agent("05-async-concurrency")).count()).isEqualTo(4);
    assertThat(result.attempts().get(0).error()).isNotNull();
  }

  @Test
  void answerHandoverLineRunsTheRelatedAgent() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .on(
                agent("05-async-concurrency"),
                Reply.text("This is a basics question.\nHANDOVER: 01-python-fundamentals\n"))
            .on(agent("01-python-fundamentals"), Reply.text(VALID_FUNDAMENTALS))
            .build();
    AgentRunner runner = runner(fake, seedRegistry());
    AgentResult result =
        runner.run(engine, "05-async-concurrency", json("{\"query\": \"what is a coroutine?\"}"));
    AgentResult.Success ok = (AgentResult.Success) result;
    assertThat(ok.answeredBy()).isEqualTo("01-python-fundamentals");
    assertThat(ok.notes())
        .containsExactly(
            "05-async-concurrency -> 01-python-fundamentals: the answer requested a handover");
    assertThat(fake.calls()).isEqualTo(2);
  }

  @Test
  void handoverToAnAgentNotInTheTableIsIgnored() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("HANDOVER: somebody-else\n" + VALID))
            .build();
    AgentResult result =
        runner(fake, seedRegistry())
            .run(engine, "05-async-concurrency", json("{\"query\": \"q\"}"));
    assertThat(result.isSuccess()).isTrue();
    assertThat(result.notes())
        .containsExactly(
            "05-async-concurrency: handover to 'somebody-else' ignored (not an available related agent)");
  }

  @Test
  void inputMatchingATriggersKeywordsHandsOverBeforeAnyCall() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.text(VALID_FUNDAMENTALS)).build();
    JsonNode input = json("{\"query\": \"I am new to Python; explain the basics of lists\"}");
    AgentResult result = runner(fake, seedRegistry()).run(engine, "05-async-concurrency", input);
    AgentResult.Success ok = (AgentResult.Success) result;
    assertThat(ok.answeredBy()).isEqualTo("01-python-fundamentals");
    assertThat(ok.notes())
        .containsExactly(
            "05-async-concurrency -> 01-python-fundamentals: the input matches the trigger 'Python basics needed'");
    assertThat(fake.requests()).allMatch(agent("01-python-fundamentals"));

    // off by configuration
    FakeProvider fake2 =
        FakeProvider.builder("fake").clock(clock).script(Reply.text(VALID)).build();
    try (Engine e2 = Engine.builder().provider(fake2).time(clock).sleeper(clock).seed(7).build()) {
      AgentResult r2 =
          AgentRunner.builder(seedRegistry())
              .keywordRouting(false)
              .build()
              .run(e2, "05-async-concurrency", input);
      assertThat(((AgentResult.Success) r2).answeredBy()).isEqualTo("05-async-concurrency");
    }
  }

  @Test
  void promptOverMaxContextTokensFailsWithoutACall() throws Exception {
    FakeProvider fake = FakeProvider.builder("fake").clock(clock).script(Reply.text(VALID)).build();
    JsonNode input = JSON.createObjectNode().put("query", "x".repeat(40_000));
    AgentResult.Failure f =
        (AgentResult.Failure)
            runner(fake, seedRegistry()).run(engine, "05-async-concurrency", input);
    assertThat(f.reason()).isEqualTo(Reason.CONTEXT_TOO_LARGE);
    assertThat(f.message())
        .matches(
            "(?s)agent 05-async-concurrency: the prompt is about \\d+ tokens \\(system prompt \\d+ \\+ messages\\), over max_context_tokens 8000; shorten the input\n"
                + "fallback 01-python-fundamentals failed too: agent 01-python-fundamentals: the prompt is about \\d+ tokens .*over max_context_tokens 4000; shorten the input");
    assertThat(f.route()).containsExactly("05-async-concurrency", "01-python-fundamentals");
    assertThat(fake.calls()).isZero();
  }

  @Test
  void bodyVariablesAreFilledFromTheInputAndUnknownAgentsFail() throws Exception {
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("{\"translation\": \"Hallo Welt\"}"))
            .build();
    AgentRegistry registry = AgentRegistry.builder().aliases(ALIASES).builtIns().build();
    AgentRunner runner = runner(fake, registry);
    AgentResult r =
        runner.run(
            engine,
            "translator-technical",
            json("{\"text\": \"Hello world\", \"target_language\": \"German\"}"));
    assertThat(((AgentResult.Success) r).output().get("translation").asText())
        .isEqualTo("Hallo Welt");
    assertThat(fake.requests().get(0).system())
        .startsWith("# Translator into German")
        .contains("into German. Preserve");
    assertThat(fake.requests().get(0).temperature()).isEqualTo(0.3);

    AgentResult.Failure unknown = (AgentResult.Failure) runner.run(engine, "nobody", json("{}"));
    assertThat(unknown.reason()).isEqualTo(Reason.UNKNOWN_AGENT);
  }

  @Test
  void oneRunnerServesConcurrentRunsIndependently() throws Exception {
    // even-numbered queries need a repair round, odd ones answer right away
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .responder(
                (r, n) ->
                    Reply.text(
                        r.messages().size() == 1
                                && r.lastUserMessage().matches("(?s).*\"q[0-9]*[02468]\".*")
                            ? "{\"response\": 1}"
                            : VALID))
            .build();
    AgentRunner runner = runner(fake, seedRegistry());
    List<java.util.concurrent.Future<AgentResult>> futures = new java.util.ArrayList<>();
    try (var executor = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < 16; i++) {
        JsonNode input = JSON.createObjectNode().put("query", "q" + i);
        futures.add(executor.submit(() -> runner.run(engine, "05-async-concurrency", input)));
      }
    }
    for (int i = 0; i < 16; i++) {
      AgentResult r = futures.get(i).get();
      assertThat(r.isSuccess()).as("run " + i).isTrue();
      assertThat(r.attempts()).as("run " + i).hasSize(i % 2 == 0 ? 2 : 1);
      assertThat(r.route()).containsExactly("05-async-concurrency");
    }
    assertThat(fake.calls()).isEqualTo(16 + 8);
  }

  @Test
  void handoverTargetsMustAcceptTheInput(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("front.md"),
        "---\nname: front\nmodel: fake:m\n---\nTriage.\n\n## Related Agents\n\n| Agent | Relationship | Escalation Trigger |\n"
            + "|---|---|---|\n| reviewer | Next | code review |\n| helper | Next | general help |\n");
    Files.writeString(
        dir.resolve("reviewer.md"),
        "---\nname: reviewer\nmodel: fake:m\ninput_schema:\n  type: object\n  required: [code]\n---\nReview.\n");
    Files.writeString(dir.resolve("helper.md"), "---\nname: helper\nmodel: fake:m\n---\nHelp.\n");
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("HANDOVER: reviewer"), Reply.text("done"))
            .build();
    AgentResult r =
        runner(fake, AgentRegistry.builder().folder(dir).build())
            .run(engine, "front", json("{\"q\": \"hi\"}"));
    // reviewer needs a 'code' field this input lacks: it is neither offered nor handed over to
    assertThat(fake.requests().get(0).system())
        .endsWith("nothing else:\n- helper: general help")
        .doesNotContain("- reviewer:");
    assertThat(r.notes())
        .containsExactly("front: handover to 'reviewer' ignored (not an available related agent)");
    assertThat(((AgentResult.Success) r).answeredBy()).isEqualTo("front");
  }

  @Test
  void aRepairRoundThatWouldOverflowTheContextIsNotSent(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("tight.md"),
        "---\nname: tight\nmodel: fake:m\noutput_schema:\n  type: object\n  required: [a]\nerror_handling:\n  max_retries: 2\n"
            + "token_optimization:\n  max_context_tokens: 200\n---\nAnswer.\n");
    FakeProvider fake =
        FakeProvider.builder("fake")
            .clock(clock)
            .script(Reply.text("no JSON, just words ".repeat(30)))
            .build();
    AgentResult.Failure f =
        (AgentResult.Failure)
            runner(fake, AgentRegistry.builder().folder(dir).build())
                .run(engine, "tight", json("{}"));
    assertThat(f.reason()).isEqualTo(Reason.INVALID_OUTPUT);
    assertThat(f.message())
        .matches(
            "(?s).*\\(repair round 1 not sent: the prompt is about \\d+ tokens .*over max_context_tokens 200\\)");
    assertThat(fake.calls()).isEqualTo(1);
  }

  @Test
  void agentsWithoutOutputSchemaReturnTheText(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("free.md"), "---\nname: free\nmodel: fake:m\n---\nSay hi.\n");
    FakeProvider fake =
        FakeProvider.builder("fake").clock(clock).script(Reply.text("hi there")).build();
    AgentResult r =
        runner(fake, AgentRegistry.builder().folder(dir).build())
            .run(engine, "free", json("{\"q\": 1}"));
    assertThat(((AgentResult.Success) r).output().asText()).isEqualTo("hi there");
    assertThat(fake.requests().get(0).maxTokens())
        .isEqualTo(TokenOptimization.DEFAULT_RESPONSE_MAX_TOKENS);
  }
}
