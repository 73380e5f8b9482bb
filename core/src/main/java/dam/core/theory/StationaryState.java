package dam.core.theory;

import dam.core.Require;
import dam.core.model.MemoryModel;
import java.util.Optional;
import java.util.function.DoubleUnaryOperator;

/**
 * A stationary retrieval state of the effective single-neuron process (docs/physics.md, "Stationary states"): the
 * long-time limit of parallel dynamics solved directly, with no horizon and no sampled paths.
 *
 * <p>At temperature 0 the state is frozen and the effective neuron sits in a static field u = m^(n-1) + sqrt(v) z
 * (v = {@link #noiseVariance()}) plus the self-reinforcing term Gamma sigma ({@link #reinforcement()}). Where
 * |u| &lt; Gamma both signs are self-consistent; this state takes sigma = sgn u there (the equilibrium, or Maxwell,
 * selection, which for n = 2 gives Amit, Gutfreund and Sompolinsky's equations). The dynamics started at m0 = 1 selects
 * differently and retrieves up to higher loads (docs/notes/stationary.md has the measurements). At temperature &gt; 0
 * the state is a time-translation-invariant closure of parallel Glauber dynamics: for n = 2 the replica-symmetric
 * stationary state of Little's model (consecutive spins as a coupled pair); for n &gt;= 3 the tangent closure
 * m = E tanh(beta u), q = E tanh^2(beta u), v = alpha (P(1) - (1 - q) P'(q)). Both are exact to first order in alpha;
 * the second becomes the temperature-0 state above as the temperature goes to 0. Against long solves from m0 = 1
 * converged in M (M = 2e5) they give m within 0.0013 at n = 2 (alpha = 0.05, temperature 0.52) and 0.0001 for dense
 * n = 3 (0.07, 0.3), but 0.011 low for p-body n = 3 near its fold (0.13, 0.3), whose critical line is at least 4%
 * low in load (the solver settles at alpha = 0.14, temperature 0.3, above alpha_c = 0.1349); the equilibrium closure (noise alpha P(q)) is refuted there. At low temperature the closure
 * inherits the equilibrium selection and its alpha_c falls below the dynamics' (p-body n = 3: 0.126 at temperature 0,
 * where the dynamics from m0 = 1 still retrieves at 0.15): the rise of alpha_c with temperature at low temperature is
 * the closure's, not the dynamics', whose capacity falls with temperature (docs/notes/stationary.md, section 8).
 *
 * @param model         the memory model (its kernel P)
 * @param n             interaction order
 * @param alpha         load, p = alpha N^(n-1) (at the fold: alpha_c)
 * @param temperature   temperature, 0 for sign dynamics
 * @param m             overlap with the retrieved pattern
 * @param q             Edwards-Anderson order parameter, the limit of C(t, s) at large lags (1 at temperature 0)
 * @param oneStepCorrelation C(t, t-1), the correlation of consecutive spins (q, except at n = 2 and temperature &gt; 0)
 * @param chi           integrated response sum_s G(t, s) (temperature 0: twice the density of u at 0)
 * @param noiseVariance variance v of the static Gaussian field: alpha (P(1) - (1 - q) P'(q)) for n &gt;= 3 (alpha P(1) at
 *                      temperature 0), alpha q / (1 - chi)^2 for n = 2
 */
public record StationaryState(MemoryModel model, int n, double alpha, double temperature, double m, double q,
                              double oneStepCorrelation, double chi, double noiseVariance) {

    /**
     * Gamma, the coefficient of the self-reinforcing term Gamma sigma in the frozen field at temperature 0:
     * alpha P'(1) chi for n &gt;= 3, alpha chi / (1 - chi) for n = 2; both signs are self-consistent where |u| &lt; Gamma.
     * NaN at temperature &gt; 0, where the state is not frozen.
     */
    public double reinforcement() {
        if (temperature > 0) {
            return Double.NaN;
        }
        return n == 2 ? alpha * chi / (1 - chi) : alpha * NoiseKernel.of(model, n).derivative(1) * chi;
    }

    /** The load in the normalised convention, alpha P(1): the first-step signal-to-noise ratio is m0^(n-1) / sqrt of it. */
    public double normalisedLoad() {
        return alpha * model.crosstalkVariance(n).doubleValue();
    }

    /**
     * The stable retrieval state of the model at order n &gt;= 2, load alpha &gt; 0 and temperature &gt;= 0 (the one of largest
     * m), or empty where none exists: alpha above {@link #criticalLoad}, or temperature at or above
     * {@link #retrievalTemperature}.
     */
    public static Optional<StationaryState> solve(MemoryModel model, int n, double alpha, double temperature) {
        check(model, n, temperature);
        Require.positiveFinite("alpha", alpha);
        if (temperature >= retrievalTemperature(n)) {
            return Optional.empty();
        }
        RetrievalBranch.Point point = new RetrievalBranch(NoiseKernel.of(model, n), temperature).atLoad(alpha);
        return point == null ? Optional.empty() : Optional.of(state(model, n, alpha, temperature, point));
    }

    /**
     * The saddle-node where the retrieval state disappears: the state at alpha = alpha_c(temperature), with m at
     * alpha_c; empty at or above {@link #retrievalTemperature}, where no load has a retrieval state.
     */
    public static Optional<StationaryState> criticalLoad(MemoryModel model, int n, double temperature) {
        check(model, n, temperature);
        if (temperature >= retrievalTemperature(n)) {
            return Optional.empty();
        }
        RetrievalBranch.Point fold = new RetrievalBranch(NoiseKernel.of(model, n), temperature).fold();
        return fold == null ? Optional.empty() : Optional.of(state(model, n, fold.alpha(), temperature, fold));
    }

    /**
     * The critical temperature T_c(alpha) of load alpha &gt; 0: the highest temperature at which a retrieval state exists,
     * returned as the state there (the saddle-node of that temperature, whose alpha_c equals alpha to about 1e-9
     * relative); empty where no temperature has one (alpha above the largest alpha_c(temperature)). Where
     * alpha_c(temperature) first rises with the temperature, T_c lies on the falling side of its maximum.
     */
    public static Optional<StationaryState> criticalTemperature(MemoryModel model, int n, double alpha) {
        check(model, n, 0);
        Require.positiveFinite("alpha", alpha);
        NoiseKernel kernel = NoiseKernel.of(model, n);
        double top = retrievalTemperature(n);
        DoubleUnaryOperator capacity = t -> {
            RetrievalBranch.Point fold = new RetrievalBranch(kernel, t).fold();
            return fold == null ? 0 : fold.alpha();
        };
        double peak = Brent.maximum(capacity, 0, top, 1e-6 * top);
        double highest = Math.max(capacity.applyAsDouble(peak), capacity.applyAsDouble(0));
        if (alpha > highest) {
            return Optional.empty();
        }
        double from = capacity.applyAsDouble(peak) >= capacity.applyAsDouble(0) ? peak : 0;
        // alpha_c vanishes as the temperature reaches the alpha -> 0 end, where the branch has no fold left
        double to = Math.nextDown(top);
        double t = Brent.root(x -> capacity.applyAsDouble(x) - alpha, from, to, 1e-12 * top);
        return criticalLoad(model, n, t);
    }

    /**
     * The highest temperature with a retrieval state as alpha -&gt; 0, where m = tanh(m^(n-1) / temperature) has a
     * nonzero root: 1 for n = 2 (m vanishes continuously there), the saddle-node max_m m^(n-1) / atanh(m) for n &gt;= 3
     * (0.5826 for n = 3, 0.4958 for n = 4). The same for both models.
     */
    public static double retrievalTemperature(int n) {
        Require.atLeast("n", n, 2);
        return RetrievalBranch.retrievalTemperature(n);
    }

    private static StationaryState state(MemoryModel model, int n, double alpha, double temperature,
                                         RetrievalBranch.Point point) {
        return new StationaryState(model, n, alpha, temperature, point.m(), point.q(), point.c(), point.chi(),
                point.s() * point.s());
    }

    private static void check(MemoryModel model, int n, double temperature) {
        if (model == null) {
            throw new IllegalArgumentException("model: must be dense or pbody, got null");
        }
        Require.atLeast("n", n, 2);
        if (!(temperature >= 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be >= 0 and finite, got " + temperature);
        }
    }
}
