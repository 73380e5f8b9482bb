package dam.core.sim;

import dam.core.rng.Seeds;

/**
 * The outcome of one simulated trial over T steps.
 *
 * <p>At temperature &gt; 0 (Glauber dynamics) no state is absorbing: every step is simulated, fixedPointTime and
 * cycleTime stay -1 (a step without a flip, or a state repeated two steps later, is a chance event there, not a
 * fixed point or a cycle), so every such trial is {@link #censored()}.
 *
 * @param trial      trial index within its grid point (0-based)
 * @param patternSetSeed seed of the trial's pattern set ({@link Seeds#patternSet})
 * @param initialStateSeed seed of the trial's initial state and update order ({@link Seeds#initialState})
 * @param overlap    m(t) for t = 0..T (length T + 1), m(t) = (1/N) sum_i xi_i^1 sigma_i(t)
 * @param flips      f(t) for t = 0..T-1 (length T), the fraction of neurons with sigma_i(t+1) != sigma_i(t)
 * @param fixedPointTime first t with f(t) = 0 (sigma(t+1) = sigma(t)), or -1 if none within T steps; -1 at
 *                   temperature &gt; 0
 * @param cycleTime  first t &gt;= 1 with sigma(t+1) = sigma(t-1) != sigma(t) (a 2-cycle entered), or -1 if none; -1 at
 *                   temperature &gt; 0
 * @param thermalSeed seed of the trial's thermal draws ({@link Seeds#thermal}) at temperature &gt; 0; 0 at temperature
 *                   0, where nothing is drawn
 */
public record TrialResult(int trial, long patternSetSeed, long initialStateSeed, double[] overlap, double[] flips,
                          int fixedPointTime, int cycleTime, long thermalSeed) {

    /** The outcome of a trial at temperature 0 (no thermal draws: thermalSeed 0). */
    public TrialResult(int trial, long patternSetSeed, long initialStateSeed, double[] overlap, double[] flips,
                       int fixedPointTime, int cycleTime) {
        this(trial, patternSetSeed, initialStateSeed, overlap, flips, fixedPointTime, cycleTime, 0L);
    }

    /** Number of steps T simulated. */
    public int steps() {
        return flips.length;
    }

    /** m(T), the overlap after the last step. */
    public double finalOverlap() {
        return overlap[overlap.length - 1];
    }

    /** True if the trial ended in a 2-cycle rather than a fixed point. */
    public boolean cycle() {
        return cycleTime >= 0;
    }

    /** True if neither a fixed point nor a 2-cycle was reached within T steps (always at temperature &gt; 0). */
    public boolean censored() {
        return fixedPointTime < 0 && cycleTime < 0;
    }
}
