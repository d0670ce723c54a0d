/**
 * Test support for the rule that nothing leaves the machine: a guard that refuses outbound
 * connections other than to the loopback address.
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.testing.net;

import org.jspecify.annotations.NullMarked;
