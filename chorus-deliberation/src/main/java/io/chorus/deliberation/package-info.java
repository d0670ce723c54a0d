/**
 * Multi-model deliberation: two or more participants propose answers to a task in parallel, then
 * over rounds see each other's latest answers and revise, until their answers converge or the round
 * limit is reached; an optional synthesizer writes the unified plan. The result reports consensus,
 * convergence, confidence, attributed agreements and disagreements, and every failure by name (see
 * {@link io.chorus.deliberation.Deliberation} and {@link
 * io.chorus.deliberation.CollaborationReport}).
 */
@NullMarked
package io.chorus.deliberation;

import org.jspecify.annotations.NullMarked;
