package dam.jobs.grid;

import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import dam.core.sim.SimulationSettings;
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
 * @param eps                 convergence threshold on f(t)
 * @param mSuccess            retrieval threshold on m(T)
 * @param paths               theory paths M
 */
public record TrialSettings(int trials, int steps, UpdateOrder update, Initialisation init, int statesPerPatternSet,
                            long seed, double eps, double mSuccess, int paths) implements Serializable {

    /** The task settings of a sweep. */
    public static TrialSettings of(SweepConfig c) {
        return new TrialSettings(c.trials(), c.steps(), c.update(), c.init(), c.statesPerPatternSet(), c.seed(), c.eps(),
                c.mSuccess(), c.theory().paths());
    }

    /** The trial indices of grid point g that the runner simulates (one per pattern set where the states coincide). */
    public int[] simulatedTrials(GridPoint g) {
        return dam.core.sim.TrialRunner.simulatedTrials(g.neurons(), update, simulation(g.m0()), trials);
    }

    /** The core simulation settings at initial overlap m0. */
    public SimulationSettings simulation(double m0) {
        return new SimulationSettings(m0, steps, init, statesPerPatternSet);
    }
}
