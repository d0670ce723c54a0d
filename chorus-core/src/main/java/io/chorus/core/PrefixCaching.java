package io.chorus.core;

/**
 * Whether an engine caches the prompt prefix a fan-out's calls share ({@link SharedPrefix}). Set
 * with {@link Engine.Builder#prefixCaching}; the CLI's {@code --no-cache-prefix} is {@link #OFF}.
 */
public enum PrefixCaching {
  /**
   * Fan-outs mark their shared prefix (Anthropic {@code cache_control}, OpenAI {@code
   * prompt_cache_key}) and send one leader call per prefix before the others. The default.
   */
  AUTO,
  /**
   * Every call is sent as it is, at once: no marking, no leader. Requests that carry a {@link
   * SharedPrefix} of their own still send it, without waiting for a leader.
   */
  OFF
}
