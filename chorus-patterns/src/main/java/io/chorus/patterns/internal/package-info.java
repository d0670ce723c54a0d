/** Implementation details shared by the pattern packages; not API. */
package io.chorus.patterns.internal;
