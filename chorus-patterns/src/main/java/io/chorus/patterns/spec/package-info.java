/**
 * YAML spec files for the CLI: {@link io.chorus.patterns.spec.PatternSpecs#load(java.nio.file.Path)}.
 */
package io.chorus.patterns.spec;
