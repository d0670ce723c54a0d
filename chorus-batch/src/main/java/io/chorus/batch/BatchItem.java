package io.chorus.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One usable line of a batch input.
 *
 * @param line its 1-based line number
 * @param customId its {@code custom_id}, or {@code line-<n>} when the line has none: the item's key
 * @param content a digest of the line's text (SHA-256, hex): the same id with another digest on
 *     resume is a changed item
 * @param json the whole line
 */
public record BatchItem(int line, String customId, String content, ObjectNode json)
    implements InputLine {}
