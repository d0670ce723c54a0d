/**
 * Model provider clients for the Chorus engine: {@link io.chorus.providers.AnthropicProvider}
 * (Anthropic Messages API) and {@link io.chorus.providers.OpenAiCompatibleProvider} (OpenAI Chat
 * Completions as served by OpenAI, xAI, Ollama, vLLM and llama.cpp), sharing an OkHttp-based {@link
 * io.chorus.providers.HttpTransport}; {@link io.chorus.providers.ProviderRegistry} builds them from
 * the official SDKs' environment variables; {@link io.chorus.providers.Secret} keeps API keys out
 * of every printed form.
 *
 * <h2>How a call runs</h2>
 *
 * Synchronously on the caller's (virtual) thread: OkHttp's {@code call.execute()}, then a
 * hand-written SSE parser reading the body. The attempt timeout is OkHttp's call timeout; a shared
 * watchdog thread enforces time-to-first-token (met by the first text or reasoning delta) and idle
 * timeouts (silence after the response headers) by cancelling the call; an interrupt of the calling
 * thread cancels the call from the interrupting thread (through the JDK's interruptible channel
 * hook), so the server sees the connection close, and the call throws {@code InterruptedException}.
 *
 * <h2>Failure mapping</h2>
 *
 * HTTP errors, error events inside a 200 stream, broken connections, malformed bodies and each
 * timeout become a {@link io.chorus.core.ProviderException} with a {@link
 * io.chorus.core.ProviderError}, the provider's request id, its rate-limit headers and its {@code
 * x-should-retry}. A stream that ends cleanly but before its final event (and before any stop
 * reason) counts as a broken connection ({@code ConnectionFailed}, "truncated"); a body or event
 * that does not parse is {@code MalformedResponse}.
 */
@NullMarked
package io.chorus.providers;

import org.jspecify.annotations.NullMarked;
