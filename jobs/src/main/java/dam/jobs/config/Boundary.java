package dam.jobs.config;

import dam.core.analysis.BoundarySearch;
import java.io.Serializable;

/**
 * An axis in boundary form ({@code m0 = { boundary { from, to, width, max-trials } }}): instead of a grid, an
 * adaptive search (core {@link BoundarySearch}) for the crossing of the success fraction through 1/2 on [from, to],
 * one per load: m0_c at every (model, n, neurons, temperature, alpha), or the load alpha_c at m0 = 1 at every
 * (model, n, neurons, temperature). docs/adaptive.md describes the search.
 *
 * @param axis      "m0" or "alpha", the axis searched
 * @param from      lower end of the range, as the config writes it (a load in the config's convention)
 * @param to        upper end of the range
 * @param width     target width of the 95% interval of the crossing
 * @param maxTrials the budget of one search, in trials
 */
public record Boundary(String axis, double from, double to, double width, int maxTrials) implements Serializable {

    /** The m0 axis. */
    public static final String M0 = "m0";
    /** The load axis. */
    public static final String ALPHA = "alpha";
    /** The keys of a boundary block. */
    public static final java.util.List<String> KEYS = java.util.List.of("from", "to", "width", "max-trials");

    /** True for a search in m0 (the basin boundary), false for one in the load (the capacity at m0 = 1). */
    public boolean inM0() {
        return axis.equals(M0);
    }

    /**
     * The core search of this boundary with S trials per pattern set; for the load, from, to and width converted from
     * the config's convention to raw loads by toRaw (linear: P(1) divides them all; the identity for raw loads).
     */
    public BoundarySearch search(int statesPerPatternSet, java.util.function.DoubleUnaryOperator toRaw) {
        boolean m0 = inM0();
        return BoundarySearch.of(m0 ? from : toRaw.applyAsDouble(from), m0 ? to : toRaw.applyAsDouble(to),
                m0 ? width : toRaw.applyAsDouble(width), maxTrials, statesPerPatternSet,
                inM0() ? BoundarySearch.Direction.RISING : BoundarySearch.Direction.FALLING);
    }
}
