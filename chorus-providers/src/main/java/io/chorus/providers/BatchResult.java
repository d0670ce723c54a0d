package io.chorus.providers;

import io.chorus.core.ChatResponse;
import io.chorus.core.ProviderError;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One request's result in an ended provider batch.
 *
 * @param customId the request's id in the batch
 * @param response the answer, priced at the batch rate ({@link io.chorus.core.Price#batch}); null
 *     when the request failed
 * @param error why it failed (errored: the provider's error, classified; expired or canceled: a
 *     {@link ProviderError.Timeout} or {@link ProviderError.CallerError} naming it); null when it
 *     succeeded
 */
public record BatchResult(
    String customId, @Nullable ChatResponse response, @Nullable ProviderError error) {
  public BatchResult {
    Objects.requireNonNull(customId, "customId");
    if ((response == null) == (error == null)) {
      throw new IllegalArgumentException("a batch result has exactly one of response and error");
    }
  }

  public boolean succeeded() {
    return response != null;
  }
}
