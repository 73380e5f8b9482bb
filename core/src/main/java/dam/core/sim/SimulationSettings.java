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
 * @param temperature        1 / beta of Glauber dynamics, &gt;= 0 and finite; 0 is sign dynamics (-0 reads as 0)
 */
public record SimulationSettings(double m0, int steps, Initialisation init, int statesPerPatternSet, double temperature) {
    public SimulationSettings {
        Require.within("m0", m0, -1, 1);
        Require.atLeast("steps", steps, 1);
        if (init == null) {
            throw new IllegalArgumentException("init: must be exact or bernoulli");
        }
        Require.atLeast("states-per-pattern-set", statesPerPatternSet, 1);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be >= 0 and finite, got " + temperature);
        }
        temperature = temperature == 0 ? 0.0 : temperature; // -0.0 would seed and compare as another value
    }

    /** Settings at temperature 0 (sign dynamics). */
    public SimulationSettings(double m0, int steps, Initialisation init, int statesPerPatternSet) {
        this(m0, steps, init, statesPerPatternSet, 0.0);
    }
}
