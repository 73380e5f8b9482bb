/**
 * The grid and what its tasks run under: a grid point ({@link dam.jobs.grid.GridPoint}) and its load, the theory's
 * key ({@link dam.jobs.grid.TheoryKey}), a boundary search's load ({@link dam.jobs.grid.BoundaryLoad}) and the
 * settings a task needs ({@link dam.jobs.grid.TrialSettings}). Shared by the sweep (which plans and runs them), the
 * statistics (dam.jobs.summary) and the tables (which write them), so that none depends on another's internals.
 */
package dam.jobs.grid;
