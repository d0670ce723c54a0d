/**
 * Sectioning: independent sections over one input, run at once under a failure policy and merged
 * in declared order ({@link io.chorus.patterns.section.Sectioning}).
 */
package io.chorus.patterns.section;
