/** Implementation of {@code io.chorus.semantics}; not an API, may change without notice. */
package io.chorus.semantics.internal;
