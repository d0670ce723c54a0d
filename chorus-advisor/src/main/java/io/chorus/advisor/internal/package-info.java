/**
 * Implementation of the advisor and the harness: decision rules, guidance texts, the approach
 * runner, memory sampling, the child JVM main, the simulated API and the renderers. Not API.
 */
package io.chorus.advisor.internal;
