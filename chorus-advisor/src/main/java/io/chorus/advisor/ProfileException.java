package io.chorus.advisor;

/**
 * A workload profile could not be built: the message names the field and says what was expected.
 */
public final class ProfileException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private final String field;

  /** Creates the exception for {@code field} with a message saying what was wrong. */
  public ProfileException(String field, String problem) {
    super("field '" + field + "': " + problem);
    this.field = field;
  }

  /** The canonical (JSON) name of the offending field, e.g. {@code concurrency}. */
  public String field() {
    return field;
  }
}
