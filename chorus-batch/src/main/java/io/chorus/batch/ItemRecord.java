package io.chorus.batch;

/**
 * One finished item as the journal holds it.
 *
 * @param seq the journal's order of finishing (ascending, assigned by {@link
 *     JournalStore#finishItem}; 0 before)
 * @param line its 1-based line number in the input it was read from (informative: items are keyed
 *     by id)
 * @param customId its {@code custom_id} (given, or {@code line-<n>} when the line had none): the
 *     item's key
 * @param content the digest of the line's content ({@link BatchItem#content}): the same id with
 *     another digest on resume is a changed item
 * @param status how it ended
 * @param json the output line (success) or the dead-letter line (failure), one JSON object
 */
public record ItemRecord(
    long seq, int line, String customId, String content, ItemStatus status, String json) {}
