/**
 * The Chorus LLM provider simulator: a real HTTP/1.1 server on 127.0.0.1 speaking the Anthropic
 * Messages API and OpenAI Chat Completions, with seeded latency, per-key rate limits and their
 * headers, fault injection, scripted answers (fixed text, statistical voters), Anthropic prompt
 * caching and a stats endpoint.
 *
 * <p>Start one in-process with {@link io.chorus.sim.Simulator#builder()}, in JUnit 5 tests with
 * {@link io.chorus.sim.SimulatorExtension}, from a {@code sim.yaml} with {@link
 * io.chorus.sim.SimConfig}, or from the command line with {@link io.chorus.sim.SimMain}.
 *
 * <p>Token usage is counted with {@link io.chorus.core.TokenEstimate}: one token per four
 * characters, rounded up, for each text (system block, message, tool list) separately, summed.
 */
@NullMarked
package io.chorus.sim;

import org.jspecify.annotations.NullMarked;
