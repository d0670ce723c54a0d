/**
 * Parallel patterns over the Chorus engine: sectioning ({@link io.chorus.patterns.section}), voting
 * ({@link io.chorus.patterns.vote}), their nesting (any {@link io.chorus.core.Pattern} can be a
 * step of another; {@link io.chorus.patterns.translate} is the translation exercise), and YAML spec
 * files ({@link io.chorus.patterns.spec}).
 *
 * <p>Every pattern runs its calls through the one {@link io.chorus.core.Engine} it is given, so
 * concurrency and rate limits stay global however deeply patterns nest. Provider failures never
 * throw out of a pattern: they are reported per voter or section, with their cause, in results that
 * render as Markdown and JSON.
 */
@NullMarked
package io.chorus.patterns;

import org.jspecify.annotations.NullMarked;
