package io.chorus.advisor.internal;

/**
 * One measured run.
 *
 * @param wallNanos elapsed time
 * @param cpuNanos CPU time of this process during the run plus that of its child processes; -1 if
 *     unknown
 * @param peakHeapBytes highest heap used sampled
 * @param peakRssKb highest VmRSS sampled plus the children's VmHWM; -1 if unknown
 */
public record RunSample(long wallNanos, long cpuNanos, long peakHeapBytes, long peakRssKb) {}
