package dam.core.sim;

import dam.core.model.MemoryModel;

/**
 * The stochastic update of Glauber dynamics at temperature 1 / beta (docs/physics.md section 1): a neuron with the
 * exact integer field h takes sigma = +1 with probability (1 + tanh(beta h / u)) / 2, u being the field's unit
 * ({@link MemoryModel#fieldUnit}, in which a condensed pattern at overlap m contributes m^(n-1)).
 *
 * <p>The probability is computed as P(h) = 1 / (1 + exp(-2 x)), x = beta * (h / u) in IEEE double arithmetic (h
 * converted to the nearest double, then divided by u, then multiplied by beta), exp being {@link StrictMath#exp}
 * (fdlibm: the same bits on every JVM and processor); h = 0 gives 1/2 exactly. This equals (1 + tanh x) / 2 without
 * its cancellation for large negative x, and never gives NaN: for |x| large it saturates to exactly 0 or 1, also
 * where beta is infinite. With a uniform double U in [0, 1) (one per neuron update, from the trial's thermal
 * stream) the neuron takes +1 if U &lt; P(h), else -1; so an implementation that knows the order of the draws
 * reproduces a trajectory exactly, and any other one in distribution.
 */
public final class Glauber {

    private final double temperature;
    private final double beta;
    private final double unit;

    /**
     * Glauber dynamics at the given temperature &gt; 0 for fields in units of unit &gt; 0.
     *
     * @throws IllegalArgumentException naming temperature (or unit) when not positive and finite
     */
    public Glauber(double temperature, double unit) {
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature: must be > 0 and finite for Glauber dynamics, got " + temperature);
        }
        if (!(unit > 0) || Double.isInfinite(unit)) {
            throw new IllegalArgumentException("unit: must be > 0 and finite, got " + unit);
        }
        this.temperature = temperature;
        this.beta = 1 / temperature;
        this.unit = unit;
    }

    /** Glauber dynamics of the model at order n with N neurons: unit = {@link MemoryModel#fieldUnit}(n, N). */
    public static Glauber of(MemoryModel model, int n, int N, double temperature) {
        return new Glauber(temperature, model.fieldUnit(n, N));
    }

    /** The temperature 1 / beta. */
    public double temperature() {
        return temperature;
    }

    /** The field unit u. */
    public double unit() {
        return unit;
    }

    /** P(sigma = +1 | h) = 1 / (1 + exp(-2 beta h / u)) as the class comment computes it; 1/2 at h = 0. */
    public double probabilityUp(long h) {
        if (h == 0) {
            return 0.5;
        }
        double x = beta * ((double) h / unit);
        return 1 / (1 + StrictMath.exp(-2 * x));
    }

    /** The new spin of a neuron with field h, given its uniform draw in [0, 1): +1 if uniform &lt; P(+1 | h), else -1. */
    public int spin(long h, double uniform) {
        return uniform < probabilityUp(h) ? 1 : -1;
    }
}
