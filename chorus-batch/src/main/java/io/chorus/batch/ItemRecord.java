package io.chorus.batch;

/**
 * One finished item as the journal holds it.
 *
 * @param line its 1-based line number in the input
 * @param customId its {@code custom_id}, or null
 * @param status how it ended
 * @param json the output line (success) or the dead-letter line (failure), one JSON object
 */
public record ItemRecord(int line, String customId, ItemStatus status, String json) {}
