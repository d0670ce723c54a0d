package io.chorus.batch;

/**
 * What the journal knows of a batch when it is opened.
 *
 * @param existed whether the batch was started before
 * @param finishedItems items already finished (succeeded or failed)
 * @param completed whether an earlier run finished every item
 * @param input the input file recorded when it was first started (informative only)
 * @param outputSeq the last {@link ItemRecord#seq} known to be in the output file ({@link
 *     JournalStore#checkpointOutput})
 * @param outputBytes the output file's length after that item: what a resumed run keeps of it
 */
public record BatchState(
    boolean existed,
    int finishedItems,
    boolean completed,
    String input,
    long outputSeq,
    long outputBytes) {}
