/**
 * A run's trace rendered as a self-contained HTML page, JSON or Markdown.
 *
 * <p>Every type here is null-marked: nothing is null unless {@code @Nullable} says so.
 */
@NullMarked
package io.chorus.report;

import org.jspecify.annotations.NullMarked;
