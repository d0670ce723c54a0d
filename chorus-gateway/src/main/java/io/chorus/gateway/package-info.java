/**
 * An OpenAI- and Anthropic-compatible HTTP gateway in front of the engine.
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.gateway;

import org.jspecify.annotations.NullMarked;
