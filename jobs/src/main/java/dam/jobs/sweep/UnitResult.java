package dam.jobs.sweep;

import dam.core.sim.TrialResult;

/**
 * The simulated trials of one work unit, in trial order, and the time the kernel took for them.
 *
 * @param unit        the work unit
 * @param trials      its trial results, trial index ascending
 * @param kernelNanos wall time of TrialRunner.run for this unit, in nanoseconds
 */
public record UnitResult(WorkUnit unit, TrialResult[] trials, long kernelNanos) {
}
