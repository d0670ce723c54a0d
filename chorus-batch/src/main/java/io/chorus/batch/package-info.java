/**
 * Durable batch runs over JSONL: the journal SPI ({@link io.chorus.batch.JournalStore}, SQLite
 * built in), resume, rejects and dead letters.
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.batch;

import org.jspecify.annotations.NullMarked;
