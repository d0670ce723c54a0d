package io.chorus.batch;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One line of a batch input.
 *
 * @param line its 1-based line number
 * @param customId its {@code custom_id}, or {@code line-<n>} when the line has none
 * @param json the whole line
 */
public record BatchItem(int line, String customId, ObjectNode json) {}
