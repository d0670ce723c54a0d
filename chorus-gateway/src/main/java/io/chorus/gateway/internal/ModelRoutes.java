package io.chorus.gateway.internal;

import io.chorus.core.ModelId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Which engine model a client's {@code model} string names. {@code provider:model} and {@code
 * provider/model} name any model of a provider the engine has; a bare name ({@code gpt-4o-mini},
 * {@code claude-sonnet-4-5}) belongs to the provider of the protocol the client spoke ({@code
 * openai} on {@code /v1/chat/completions}, {@code anthropic} on {@code /v1/messages}), which is
 * what an unmodified SDK sends. Anything else is an unknown model (404 in the protocol's shape).
 *
 * @param providers the providers the engine has
 * @param listed the models {@code GET /v1/models} lists, {@code provider:model}
 */
public record ModelRoutes(Set<String> providers, List<String> listed) {

  public ModelRoutes {
    providers = Set.copyOf(providers);
    listed = List.copyOf(new LinkedHashSet<>(listed));
  }

  /**
   * The engine model for {@code requested}, spoken on a protocol whose own provider is {@code
   * home}.
   */
  public ModelId resolve(String requested, String home) {
    String text = requested.strip();
    int sep = firstSeparator(text);
    ModelId id;
    if (sep > 0 && sep < text.length() - 1 && providers.contains(text.substring(0, sep))) {
      id = new ModelId(text.substring(0, sep), text.substring(sep + 1));
    } else if (sep < 0 && !text.isEmpty() && providers.contains(home)) {
      id = new ModelId(home, text);
    } else {
      throw new GatewayException(ApiError.unknownModel(requested, String.join(", ", listed)));
    }
    return id;
  }

  private static int firstSeparator(String s) {
    int colon = s.indexOf(':');
    int slash = s.indexOf('/');
    if (colon < 0) {
      return slash;
    }
    return slash < 0 ? colon : Math.min(colon, slash);
  }
}
