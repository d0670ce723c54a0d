/**
 * {@code chorus.yaml} and the environment, and the one mapping from them to an {@code Engine} and
 * its providers, for the CLI, any Java program and a server.
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.config;

import org.jspecify.annotations.NullMarked;
