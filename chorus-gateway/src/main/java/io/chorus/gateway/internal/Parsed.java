package io.chorus.gateway.internal;

import io.chorus.core.ChatRequest;

/**
 * A client's request, understood.
 *
 * @param request what the engine runs (null for a workflow model)
 * @param requestedModel the {@code model} string as the client sent it (echoed back)
 * @param workflow the workflow a {@code chorus/NAME} model names, or null
 * @param prompt the conversation as text, for a workflow
 * @param stream whether the client asked for server-sent events
 * @param includeUsage OpenAI's {@code stream_options.include_usage}
 */
public record Parsed(
    ChatRequest request,
    String requestedModel,
    String workflow,
    String prompt,
    boolean stream,
    boolean includeUsage) {}
