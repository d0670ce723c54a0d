package io.chorus.gateway.internal;

import io.chorus.core.Usage;

/**
 * What a workflow produced.
 *
 * @param text the decision or the plan; "" when none
 * @param ok whether it produced one (else {@code failure} says why)
 * @param failure why there is no answer, or null
 * @param synthetic whether any call went to the simulator
 * @param usage tokens over every call
 * @param costUsd cost over every call
 * @param extension the {@code chorus} field: tally, consensus, convergence, calls, cost
 */
public record WorkflowAnswer(
    String text,
    boolean ok,
    String failure,
    boolean synthetic,
    Usage usage,
    double costUsd,
    Extension extension) {}
