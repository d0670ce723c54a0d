package io.chorus.advisor;

/**
 * A decision rule that fired for a profile.
 *
 * @param id stable rule id, e.g. {@code IO-1}
 * @param sentence why the rule applies, in one sentence
 */
public record FiredRule(String id, String sentence) {}
