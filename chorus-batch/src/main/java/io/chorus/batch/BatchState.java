package io.chorus.batch;

/**
 * What the journal knows of a batch when it is opened.
 *
 * @param existed whether the batch was started before
 * @param finishedItems items already finished (succeeded or failed)
 * @param completed whether an earlier run finished every item
 * @param input the input file recorded when it was first started
 */
public record BatchState(boolean existed, int finishedItems, boolean completed, String input) {}
