package dam.jobs.sweep;

import dam.core.analysis.BasinBoundary;
import dam.core.model.MemoryModel;

/**
 * The theory basin boundary of one (model, n, temperature, alpha), found by bisection in m0 (null before it is
 * solved).
 */
public record TheoryBasin(MemoryModel model, int n, double temperature, double alpha, BasinBoundary boundary) {

    /** Whether this is the boundary of the load's (model, n, temperature, alpha). */
    boolean of(dam.jobs.grid.GridPoint.Load l) {
        return model == l.model() && n == l.n() && Double.compare(temperature, l.temperature()) == 0
                && Double.compare(alpha, l.alpha()) == 0;
    }
}
