package io.chorus.agents;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An agent file, template file or template rendering had errors. The message lists every error, one
 * {@code file:line: message} per line; {@link #problems()} holds them (and any warnings).
 */
public final class DefinitionException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  public DefinitionException(List<Problem> problems) {
    super(
        problems.stream()
            .filter(Problem::isError)
            .map(Problem::toString)
            .collect(Collectors.joining("\n")));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, errors and warnings, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
