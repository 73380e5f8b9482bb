package dam.jobs.config;

import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import dam.core.model.UpdateOrder;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A validated sweep: the grid (model x n x neurons x temperature x alpha x m0, with per-n axes where sweep.by-n
 * overrides them) and everything a trial or theory solve needs. Built by {@link ConfigLoader}; every value has been
 * checked before any Spark work starts.
 *
 * @param model               the memories: dense (F(x) = x^n) and/or pbody
 * @param n                   interaction orders
 * @param neurons             network sizes N (for every n without its own)
 * @param temperature         temperatures (0 = sign dynamics, &gt; 0 = Glauber dynamics)
 * @param alpha               loads as the config writes them, in its convention {@code load} (for every n without
 *                            its own); {@link #axes} gives the raw loads p = round(alpha N^(n-1))
 * @param m0                  initial overlaps (for every n without its own; empty where m0 is in boundary form)
 * @param boundary            the axis in boundary form of every n without its own axes, null if none: then alpha (or
 *                            m0) is empty and the n runs adaptive searches instead of grid points
 * @param byN                 the complete axes of each n that sweep.by-n overrides (missing axes filled from the
 *                            above), loads as written
 * @param trials              trials per grid point
 * @param statesPerPatternSet consecutive trials sharing one pattern set
 * @param steps               time steps T per trial (and per theory solve)
 * @param update              parallel or sequential dynamics
 * @param init                exact or bernoulli initial states
 * @param eps                 convergence threshold on the flip fraction (temperature 0)
 * @param mTolerance          convergence tolerance on the overlap (temperature &gt; 0)
 * @param mSuccess            retrieval threshold on m(T)
 * @param seed                base seed of every random number of the sweep
 * @param output              output directory: a canonical location ({@link OutputLocation}), e.g. file:/work/out or hdfs://nn:8020/sweeps/x
 * @param partitions          Spark partitions of the simulation (0 = one per work unit)
 * @param unitTrials          most trials per work unit (0 = automatic)
 * @param batchPoints         grid points per committed batch (0 = automatic)
 * @param theory              theory settings
 * @param spark               Spark settings
 * @param load                how the config writes its loads (raw, or normalised alpha P(1) per model and n)
 */
public record SweepConfig(List<MemoryModel> model, List<Integer> n, List<Integer> neurons, List<Double> temperature,
                          List<Double> alpha, List<Double> m0, Boundary boundary, Map<Integer, Axes> byN,
                          int trials, int statesPerPatternSet, int steps, UpdateOrder update,
                          Initialisation init, double eps, double mTolerance, double mSuccess, long seed, String output,
                          int partitions, int unitTrials, int batchPoints,
                          TheoryConfig theory, SparkConfig spark, LoadConvention load) {

    /**
     * The grid axes of one n: its points are neurons x alpha x m0 (at every model and temperature).
     *
     * @param neurons network sizes N
     * @param alpha   loads
     * @param m0       initial overlaps (empty where m0 is in boundary form)
     * @param boundary the axis in boundary form, null if none (alpha empty for a load search, m0 then [1])
     */
    public record Axes(List<Integer> neurons, List<Double> alpha, List<Double> m0, Boundary boundary) {

        public Axes {
            neurons = List.copyOf(neurons);
            alpha = List.copyOf(alpha);
            m0 = List.copyOf(m0);
        }

        /** Grid axes without a boundary. */
        public Axes(List<Integer> neurons, List<Double> alpha, List<Double> m0) {
            this(neurons, alpha, m0, null);
        }
    }

    public SweepConfig {
        model = List.copyOf(model);
        n = List.copyOf(n);
        neurons = List.copyOf(neurons);
        temperature = List.copyOf(temperature);
        alpha = List.copyOf(alpha);
        m0 = List.copyOf(m0);
        for (int key : byN.keySet()) {
            if (!n.contains(key)) {
                throw new IllegalArgumentException("byN: " + key + " is not one of n = " + n);
            }
        }
        byN = Collections.unmodifiableMap(new TreeMap<>(byN));
    }

    /** The axes of order n as the config writes them: its sweep.by-n entry, else the sweep's own neurons, alpha, m0. */
    public Axes writtenAxes(int order) {
        Axes own = byN.get(order);
        return own != null ? own : new Axes(neurons, alpha, m0, boundary);
    }

    /** The axes of the model at order n with raw loads: the written loads converted from the config's convention. */
    public Axes axes(MemoryModel memory, int order) {
        Axes written = writtenAxes(order);
        return new Axes(written.neurons(), written.alpha().stream().map(a -> load.toRaw(memory, order, a)).toList(),
                written.m0(), written.boundary());
    }

    /** True if some n of the sweep has an axis in boundary form (then the sweep runs adaptive searches in rounds). */
    public boolean hasBoundary() {
        return n.stream().anyMatch(order -> writtenAxes(order).boundary() != null);
    }

    /** The number of grid points: models x temperatures x the sum over n of neurons x alpha x m0 (a double: no overflow). */
    public double gridPoints() {
        double perModelAndTemperature = 0;
        for (int order : n) {
            Axes axes = writtenAxes(order);
            perModelAndTemperature += (double) axes.neurons().size() * axes.alpha().size() * axes.m0().size();
        }
        return perModelAndTemperature * model.size() * temperature.size();
    }

    /** The same sweep writing to another canonical location. */
    public SweepConfig withOutput(String newOutput) {
        return new SweepConfig(model, n, neurons, temperature, alpha, m0, boundary, byN, trials, statesPerPatternSet, steps, update,
                init, eps, mTolerance, mSuccess, seed, newOutput, partitions, unitTrials, batchPoints, theory, spark, load);
    }

    /** The same sweep on another Spark master. */
    public SweepConfig withSpark(SparkConfig newSpark) {
        return new SweepConfig(model, n, neurons, temperature, alpha, m0, boundary, byN, trials, statesPerPatternSet, steps, update,
                init, eps, mTolerance, mSuccess, seed, output, partitions, unitTrials, batchPoints, theory, newSpark, load);
    }

    /** The boundary that remains when m0 becomes a grid: none for an m0 search. */
    private static Boundary gridM0(Boundary b) {
        return b != null && b.inM0() ? null : b;
    }

    /** The same sweep with another m0 grid for every n, by-n entries included (used to run a sub-grid). */
    public SweepConfig withM0(List<Double> newM0) {
        Map<Integer, Axes> newByN = new TreeMap<>();
        byN.forEach((order, a) -> newByN.put(order, new Axes(a.neurons(), a.alpha(), newM0, gridM0(a.boundary()))));
        return new SweepConfig(model, n, neurons, temperature, alpha, newM0, gridM0(boundary), newByN, trials, statesPerPatternSet, steps,
                update, init, eps, mTolerance, mSuccess, seed, output, partitions, unitTrials, batchPoints, theory, spark,
                load);
    }
}
