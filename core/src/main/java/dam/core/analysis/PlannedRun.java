package dam.core.analysis;

/**
 * One entry of a round's plan: run trials firstTrial .. firstTrial + trials - 1 at point x (whole pattern sets: both
 * are multiples of S, so the run covers sets firstTrial / S .. (firstTrial + trials) / S - 1).
 *
 * @param x          the point (m0, or the load alpha), a value of the search's lattice
 * @param firstTrial the first trial index
 * @param trials     the number of trials
 */
public record PlannedRun(double x, int firstTrial, int trials) {
}
