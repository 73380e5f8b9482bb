package dam.jobs.sweep;

import dam.core.sim.TrialResult;

/**
 * The simulated trials of one work unit, in trial order, and the time the kernel took for them.
 *
 * @param unit        the work unit
 * @param trials      its trial results, trial index ascending
 * @param kernelNanos this unit's share of the kernel wall time of its scan (the scan's time over its units), in nanoseconds
 */
public record UnitResult(WorkUnit unit, TrialResult[] trials, long kernelNanos) {
}
