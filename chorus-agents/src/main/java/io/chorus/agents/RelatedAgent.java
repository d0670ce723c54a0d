package io.chorus.agents;

import java.util.List;
import java.util.Objects;

/**
 * One row of an agent's {@code ## Related Agents} table ({@code | Agent | Relationship | Escalation
 * Trigger |}).
 *
 * <p>The runner hands over to a related agent by the rules in the package documentation: when the
 * answer says {@code HANDOVER: <agent>} (or a JSON {@code "handover"} field), or when the input
 * contains every one of the trigger's {@link #keywords()}.
 *
 * @param agent the related agent's name
 * @param relationship as written (Previous, Complementary, Next...)
 * @param trigger the escalation trigger as written
 * @param keywords the trigger's significant words, lower case (stop words like "needed" removed)
 * @param line the table row's line in the agent file
 */
public record RelatedAgent(
    String agent, String relationship, String trigger, List<String> keywords, int line) {
  public RelatedAgent {
    Objects.requireNonNull(agent, "agent");
    relationship = relationship == null ? "" : relationship;
    trigger = trigger == null ? "" : trigger;
    keywords = List.copyOf(keywords);
  }
}
