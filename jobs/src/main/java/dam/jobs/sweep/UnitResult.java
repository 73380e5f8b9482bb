package dam.jobs.sweep;

import dam.core.sim.TrialResult;
import dam.jobs.summary.TrialMeasures;

/**
 * The simulated trials of one work unit, in trial order, their measures, and the time the kernel took for them.
 *
 * @param unit        the work unit
 * @param trials      its trial results, trial index ascending
 * @param measures    the measures of each trial (same order), computed once where the trials ran
 * @param kernelNanos this unit's share of the kernel wall time of its scan (the scan's time over its units), in nanoseconds
 */
public record UnitResult(WorkUnit unit, TrialResult[] trials, TrialMeasures[] measures, long kernelNanos) {
}
