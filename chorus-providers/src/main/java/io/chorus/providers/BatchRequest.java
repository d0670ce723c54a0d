package io.chorus.providers;

import io.chorus.core.ChatRequest;
import java.util.Objects;

/**
 * One request of a provider batch.
 *
 * @param customId its id within the batch (1 to 64 characters of {@code [A-Za-z0-9_-]}, unique in
 *     the batch): results come back under it
 * @param request the request
 */
public record BatchRequest(String customId, ChatRequest request) {
  public BatchRequest {
    Objects.requireNonNull(request, "request");
    if (customId == null || !customId.matches("[A-Za-z0-9_-]{1,64}")) {
      throw new IllegalArgumentException(
          "customId '" + customId + "' must be 1 to 64 characters of [A-Za-z0-9_-]");
    }
  }
}
