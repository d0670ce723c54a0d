/**
 * Security code review by specialist reviewers with a confirmation threshold: {@link
 * io.chorus.review.SecurityReview} (a pattern), the sources it reads, its findings and reports
 * (Markdown, JSON, SARIF).
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.review;

import org.jspecify.annotations.NullMarked;
