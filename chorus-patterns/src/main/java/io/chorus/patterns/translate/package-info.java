/**
 * The translation exercise as nested patterns ({@link io.chorus.patterns.translate.Translation}).
 */
@NullMarked
package io.chorus.patterns.translate;

import org.jspecify.annotations.NullMarked;
