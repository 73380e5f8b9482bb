/**
 * The statistics of a sweep, each computed once on the executor that holds its inputs: one trial's measures
 * ({@link dam.jobs.summary.TrialMeasures}), a grid point's summary over its trials with its clustered intervals and
 * bootstraps ({@link dam.jobs.summary.PointSummary}), and what grid/ takes from a theory solve
 * ({@link dam.jobs.summary.TheorySummary}). The tables' row builders (dam.jobs.table) only copy them.
 */
package dam.jobs.summary;
