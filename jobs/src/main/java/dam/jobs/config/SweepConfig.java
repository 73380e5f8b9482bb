package dam.jobs.config;

import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import java.nio.file.Path;
import java.util.List;

/**
 * A validated sweep: the grid (n x N x alpha x m0) and everything a trial or theory solve needs.
 * Built by {@link ConfigLoader}; every value has been checked before any Spark work starts.
 *
 * @param n                   interaction orders F(x) = x^n
 * @param N                   network sizes
 * @param alpha               loads, p = round(alpha N^(n-1))
 * @param m0                  initial overlaps
 * @param trials              trials per grid point
 * @param statesPerPatternSet consecutive trials sharing one pattern set
 * @param steps               time steps T per trial (and per theory solve)
 * @param update              parallel or sequential dynamics
 * @param init                exact or bernoulli initial states
 * @param eps                 convergence threshold on the flip fraction
 * @param mSuccess            retrieval threshold on m(T)
 * @param seed                base seed of every random number of the sweep
 * @param output              output directory (absolute)
 * @param partitions          Spark partitions of the simulation (0 = one per work unit)
 * @param unitTrials          most trials per work unit (0 = automatic)
 * @param batchPoints         grid points per committed batch (0 = automatic)
 * @param theory              theory settings
 * @param spark               Spark settings
 */
public record SweepConfig(List<Integer> n, List<Integer> N, List<Double> alpha, List<Double> m0,
                          int trials, int statesPerPatternSet, int steps, UpdateOrder update,
                          Initialisation init, double eps, double mSuccess, long seed, Path output,
                          int partitions, int unitTrials, int batchPoints,
                          TheoryConfig theory, SparkConfig spark) {

    public SweepConfig {
        n = List.copyOf(n);
        N = List.copyOf(N);
        alpha = List.copyOf(alpha);
        m0 = List.copyOf(m0);
    }

    /** The same sweep writing to another directory. */
    public SweepConfig withOutput(Path newOutput) {
        return new SweepConfig(n, N, alpha, m0, trials, statesPerPatternSet, steps, update, init, eps, mSuccess,
                seed, newOutput, partitions, unitTrials, batchPoints, theory, spark);
    }

    /** The same sweep on another Spark master. */
    public SweepConfig withSpark(SparkConfig newSpark) {
        return new SweepConfig(n, N, alpha, m0, trials, statesPerPatternSet, steps, update, init, eps, mSuccess,
                seed, output, partitions, unitTrials, batchPoints, theory, newSpark);
    }

    /** The same sweep with another m0 grid (used to run a sub-grid). */
    public SweepConfig withM0(List<Double> newM0) {
        return new SweepConfig(n, N, alpha, newM0, trials, statesPerPatternSet, steps, update, init, eps, mSuccess,
                seed, output, partitions, unitTrials, batchPoints, theory, spark);
    }
}
