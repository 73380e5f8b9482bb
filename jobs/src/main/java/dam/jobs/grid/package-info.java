/**
 * A grid point and what the layers above say about it: the point itself ({@link dam.jobs.grid.GridPoint}),
 * the settings its trials run under ({@link dam.jobs.grid.TrialSettings}), the theory's key and summary, and the
 * point's summary over its trials. Shared by the sweep (which computes them) and the tables (which write them),
 * so that neither package depends on the other's internals.
 */
package dam.jobs.grid;
