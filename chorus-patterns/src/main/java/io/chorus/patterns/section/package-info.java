/**
 * Sectioning: independent sections over one input, run at once under a failure policy and merged in
 * declared order ({@link io.chorus.patterns.section.Sectioning}).
 */
@NullMarked
package io.chorus.patterns.section;

import org.jspecify.annotations.NullMarked;
