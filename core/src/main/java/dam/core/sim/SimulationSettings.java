package dam.core.sim;

import dam.core.Require;
import dam.core.model.Initialisation;

/**
 * What a batch of trials at one grid point needs besides the model.
 *
 * @param m0                 initial overlap with pattern 1, in [-1, 1]
 * @param steps              number of time steps T &gt;= 1
 * @param init               exact or bernoulli initial state
 * @param statesPerPatternSet how many consecutive trials share one pattern set (1 = fresh patterns every trial)
 */
public record SimulationSettings(double m0, int steps, Initialisation init, int statesPerPatternSet) {
    public SimulationSettings {
        Require.within("m0", m0, -1, 1);
        Require.atLeast("steps", steps, 1);
        if (init == null) {
            throw new IllegalArgumentException("init: must be exact or bernoulli");
        }
        Require.atLeast("states-per-pattern-set", statesPerPatternSet, 1);
    }
}
