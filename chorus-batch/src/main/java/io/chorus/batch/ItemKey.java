package io.chorus.batch;

/**
 * What the journal records of each item of a batch's input, so that a later run can say which items
 * changed, are new or are gone ({@link JournalStore#replaceInput}).
 *
 * @param customId the item's {@code custom_id} (given or derived)
 * @param content the digest of its line ({@link BatchItem#content})
 */
public record ItemKey(String customId, String content) {}
