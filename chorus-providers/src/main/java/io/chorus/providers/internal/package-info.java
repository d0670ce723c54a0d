/**
 * Implementation of the providers: wire protocols, SSE parsing, error classification, rate-limit
 * headers, the per-attempt HTTP exchange with its watchdog and interrupt hook. Not API: may change
 * without notice.
 */
package io.chorus.providers.internal;
