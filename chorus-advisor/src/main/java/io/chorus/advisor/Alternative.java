package io.chorus.advisor;

/**
 * An approach the advisor did not pick, and what it would cost or gain.
 *
 * @param approach the alternative
 * @param tradeOff the trade-off in one or two sentences
 * @param expectation the measured speedup and memory for it, when measured
 */
public record Alternative(Approach approach, String tradeOff, Expectation expectation) {}
