package dam.core.sim;

import dam.core.model.UpdateOrder;
import java.util.List;

/**
 * Runs the simulated trials of one grid point (n, N, alpha, m0); every trial is a pure function of
 * (base seed, grid point, trial index), whichever slice of trials a caller asks for.
 */
public final class TrialRunner {

    /** A runner for grid point (n, N, alpha, m0 in settings) with pattern count p = round(alpha N^(n-1)). */
    public TrialRunner(int n, int N, double alpha, UpdateOrder update, SimulationSettings settings, long baseSeed) {
        throw new UnsupportedOperationException("TrialRunner: not implemented yet");
    }

    /** Runs trials first .. first + count - 1 and returns their results in trial order. */
    public List<TrialResult> run(int first, int count) {
        throw new UnsupportedOperationException("TrialRunner: not implemented yet");
    }
}
