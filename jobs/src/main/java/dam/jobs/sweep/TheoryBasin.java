package dam.jobs.sweep;

import dam.core.analysis.BasinBoundary;

/** The theory basin boundary of one (n, alpha), found by bisection in m0 (null before it is solved). */
public record TheoryBasin(int n, double alpha, BasinBoundary boundary) {
}
