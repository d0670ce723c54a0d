/**
 * The batch journal on PostgreSQL, shared by every process of a batch.
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.store.postgres;

import org.jspecify.annotations.NullMarked;
