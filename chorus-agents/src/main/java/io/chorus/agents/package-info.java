/**
 * Agents as files, prompt templates, the agent registry and the agent runner.
 *
 * <h2>Agent files</h2>
 *
 * An agent file is Markdown with YAML front matter. The body after the front matter is the system
 * prompt. Keys (all optional except {@code name}):
 *
 * <table>
 *   <caption>Front-matter keys</caption>
 *   <tr><th>key</th><th>meaning</th></tr>
 *   <tr><td>name</td><td>unique name; letters, digits, {@code . _ -}</td></tr>
 *   <tr><td>description, version</td><td>shown by {@code chorus agents list/show}</td></tr>
 *   <tr><td>model</td><td>{@code provider:model}, an alias from {@link io.chorus.agents.ModelAliases}
 *       ({@code sonnet}), or {@code inherit}</td></tr>
 *   <tr><td>tools</td><td>a list or a comma-separated string; informational (Chorus runs no tools)</td></tr>
 *   <tr><td>capabilities</td><td>a list of tags</td></tr>
 *   <tr><td>temperature</td><td>a number in [0, 2]</td></tr>
 *   <tr><td>input_schema, output_schema</td><td>JSON Schema (draft 2020-12) written in YAML; input
 *       must describe an object; both are checked against the meta-schema</td></tr>
 *   <tr><td>error_handling</td><td>{@code retry_strategy} ({@link io.chorus.agents.RetryStrategy}),
 *       {@code max_retries} (0..10), {@code fallback_agent}; see {@link io.chorus.agents.ErrorHandling}</td></tr>
 *   <tr><td>token_optimization</td><td>{@code max_context_tokens}, {@code response_max_tokens},
 *       {@code prefer_concise}; see {@link io.chorus.agents.TokenOptimization}</td></tr>
 * </table>
 *
 * <p>Unknown keys (such as {@code sasmp_version}) are kept in {@link
 * io.chorus.agents.AgentDefinition#extras()} and reported as warnings with their line. Every error
 * is reported as {@code file:line: message}; a file is checked completely rather than stopping at
 * the first error. {@code {{name}}} in the body is filled from the input field {@code name}, which
 * must be declared in {@code input_schema.properties} (write <code>\&#123;&#123;</code> for a
 * literal); see {@link io.chorus.agents.PromptTemplate} for the template syntax, bracketed
 * placeholders and escapes.
 *
 * <h2>Routing: the Related Agents table</h2>
 *
 * A body section {@code ## Related Agents} with a table {@code | Agent | Relationship | Escalation
 * Trigger |} names the agents this one may hand over to. A handover happens when:
 *
 * <ol>
 *   <li><b>the input matches a trigger</b> (before any call): the trigger's keywords are its words,
 *       lower-cased, minus stop words ({@code needed}, {@code required}, {@code the}...), with a
 *       plural {@code s} dropped; every keyword must occur among the words of the input's string
 *       values. "Python basics needed" matches "explain Python basics". Turn this off with {@link
 *       io.chorus.agents.AgentRunner.Builder#keywordRouting(boolean)}; or
 *   <li><b>the answer asks for it</b>: a line {@code HANDOVER: <agent>} on its own, or a top-level
 *       JSON field {@code "handover": "<agent>"}. The runner lists the available related agents and
 *       this rule in the system prompt.
 * </ol>
 *
 * Only agents in the table that are installed in the registry, have not yet run in this request and
 * whose {@code input_schema} accepts the input (they receive the same input) are eligible, at most
 * {@link io.chorus.agents.AgentRunner.Builder#maxHandovers(int)} times per run (default 2). Other
 * requests are ignored and noted in {@link io.chorus.agents.AgentResult#notes()}. The handed-over
 * agent receives the same input; the result's {@code route} records the path.
 *
 * <h2>Running</h2>
 *
 * See {@link io.chorus.agents.AgentRunner}: input validation before any call, the token budget,
 * JSON extraction (a {@code ```json} fenced block, another fence, the bare answer, or the first
 * balanced {@code {...}}), repair rounds, the fallback agent, and the typed {@link
 * io.chorus.agents.AgentResult}.
 *
 * <h2>Registry</h2>
 *
 * See {@link io.chorus.agents.AgentRegistry}: built-in library, then {@code ./agents}, then {@code
 * ~/.chorus/agents}; later layers override earlier ones by name; templates live in a {@code
 * templates} subfolder.
 *
 * {@snippet :
 * AgentRegistry registry = AgentRegistry.standard(Path.of("agents"), Path.of(home, ".chorus", "agents"));
 * List<Problem> problems = Agents.validate(Path.of("agents"));       // every file:line problem
 * String task = registry.findTemplate("jvm-concurrency-task").orElseThrow()
 *     .render(Map.of("describe_your_concurrent_task_here", "crawl 10k URLs at 50 req/s"));
 * try (Engine engine = Engine.builder().provider(claude).build()) {
 *   AgentResult result = AgentRunner.builder(registry).build()
 *       .run(engine, "jvm-concurrency-expert", mapper.createObjectNode().put("query", task));
 *   switch (result) {
 *     case AgentResult.Success s -> System.out.println(s.output().get("response").asText());
 *     case AgentResult.Failure f -> System.err.println(f.reason() + ": " + f.message());
 *   }
 * }
 * }
 */
@NullMarked
package io.chorus.agents;

import org.jspecify.annotations.NullMarked;
