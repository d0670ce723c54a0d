package io.chorus.providers.internal;

import io.chorus.core.ProviderError;
import java.util.function.UnaryOperator;

/**
 * Rebuilds a {@link ProviderError} with its message passed through a scrubber (API key removal).
 */
public final class Redaction {

  private Redaction() {}

  public static ProviderError scrub(ProviderError e, UnaryOperator<String> scrub) {
    String m = scrub.apply(e.message());
    if (m.equals(e.message())) {
      return e;
    }
    return e.withMessage(m);
  }
}
