/**
 * YAML spec files for the CLI: {@link
 * io.chorus.patterns.spec.PatternSpecs#load(java.nio.file.Path)}.
 */
@NullMarked
package io.chorus.patterns.spec;

import org.jspecify.annotations.NullMarked;
