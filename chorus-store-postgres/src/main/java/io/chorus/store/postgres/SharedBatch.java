package io.chorus.store.postgres;

import java.time.Instant;

/**
 * A batch submitted to a shared store for workers: what a worker needs to run it without the input
 * file or the command line that started it.
 *
 * @param batchId its id (the output file's name and the workflow, as {@link
 *     io.chorus.batch.BatchRunner#batchId})
 * @param workflow the workflow's description, e.g. {@code call sim:fast}
 * @param spec the workflow as JSON: {@code {"kind":"call","model":"sim:fast"}} or {@code
 *     {"kind":"pattern","yaml":"…"}}
 * @param fingerprint the SHA-256 over the items' {@code custom_id} and content, in input order
 * @param total its items
 * @param createdAt when it was submitted
 */
public record SharedBatch(
    String batchId,
    String workflow,
    String spec,
    String fingerprint,
    int total,
    Instant createdAt) {}
