/** Seed 004's translation exercise as nested patterns ({@link io.chorus.patterns.translate.Translation}). */
package io.chorus.patterns.translate;
