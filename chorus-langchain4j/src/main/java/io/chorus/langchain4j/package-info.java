/**
 * Chorus and LangChain4j, both ways.
 *
 * <ul>
 *   <li>{@link io.chorus.langchain4j.ChorusChatModel}: a Chorus {@link io.chorus.core.Engine} as a
 *       LangChain4j {@code ChatModel} and {@code StreamingChatModel}. An application that builds
 *       its AI services on a LangChain4j model gets Chorus's shared rate limits, retry-after,
 *       circuit breakers, fallback chains, hedging and response cache by changing that one bean;
 *       failures reach it as LangChain4j's own exception types.
 *   <li>{@link io.chorus.langchain4j.LangChain4jProvider}: any LangChain4j {@code ChatModel} as a
 *       Chorus {@link io.chorus.core.Provider}, so that votes, sections and deliberations reach
 *       every provider LangChain4j supports.
 * </ul>
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.langchain4j;

import org.jspecify.annotations.NullMarked;
