package dam.jobs.grid;

import dam.core.analysis.ConvergenceTime;
import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import dam.core.sim.SimulationSettings;
import dam.core.sim.TrialResult;
import dam.core.sim.TrialRunner;
import dam.jobs.config.SweepConfig;
import java.io.Serializable;

/**
 * The part of a sweep config a Spark task needs (the config itself holds a Path and is not shipped).
 *
 * @param trials              trials per grid point (the config value; see TrialRunner.simulatedTrials for those run)
 * @param steps               T
 * @param update              parallel or sequential
 * @param init                exact or bernoulli
 * @param statesPerPatternSet trials sharing one pattern set
 * @param seed                base seed
 * @param eps                 convergence threshold on f(t) (temperature 0)
 * @param mTolerance          convergence tolerance on m(t) (temperature &gt; 0)
 * @param mSuccess            retrieval threshold on m(T)
 * @param paths               theory paths M
 */
public record TrialSettings(int trials, int steps, UpdateOrder update, Initialisation init, int statesPerPatternSet,
                            long seed, double eps, double mTolerance, double mSuccess, int paths) implements Serializable {

    /** The task settings of a sweep. */
    public static TrialSettings of(SweepConfig c) {
        return new TrialSettings(c.trials(), c.steps(), c.update(), c.init(), c.statesPerPatternSet(), c.seed(), c.eps(),
                c.mTolerance(), c.mSuccess(), c.theory().paths());
    }

    /** The trial indices of grid point g that the runner simulates (one per pattern set where the states coincide). */
    public int[] simulatedTrials(GridPoint g) {
        return TrialRunner.simulatedTrials(g.neurons(), update, simulation(g), trials);
    }

    /**
     * The trial indices first .. first + count - 1 of point g that the runner simulates (the first of each pattern set
     * where the states coincide): a boundary search's planned run, whose trials need not start at 0.
     */
    public int[] simulatedTrials(GridPoint g, int first, int count) {
        int[] all = TrialRunner.simulatedTrials(g.neurons(), update, simulation(g), first + count);
        return java.util.Arrays.stream(all).filter(t -> t >= first).toArray();
    }

    /** The core simulation settings of grid point g (its m0 and temperature). */
    public SimulationSettings simulation(GridPoint g) {
        return new SimulationSettings(g.m0(), steps, init, statesPerPatternSet, g.temperature());
    }

    /** The runner of grid point g's trials. */
    public TrialRunner runner(GridPoint g) {
        return new TrialRunner(g.model(), g.n(), g.neurons(), g.alpha(), update, simulation(g), seed);
    }

    /**
     * Whether a trial with convergence time tau is censored: at temperature 0 neither a fixed point nor a 2-cycle within
     * T; above it, where no state is absorbing, no settling of the overlap within T (tau = -1).
     */
    public static boolean censored(double temperature, TrialResult r, int tau) {
        return temperature > 0 ? tau < 0 : r.censored();
    }

    /** The convergence time of a trajectory at the given temperature (core ConvergenceTime.at), -1 if none. */
    public int convergenceTime(double temperature, double[] overlap, double[] flips) {
        return ConvergenceTime.at(temperature, overlap, flips, eps, mTolerance);
    }
}
