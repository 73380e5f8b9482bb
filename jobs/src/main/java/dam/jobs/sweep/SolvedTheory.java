package dam.jobs.sweep;

import dam.core.theory.TheoryResult;
import dam.jobs.summary.TheorySummary;

/**
 * One solved (model, n, temperature, alpha, m0) as its task returns it: the solution (for the theory/ row) and its
 * summary (for the theory/ row and grid/), computed once, on the executor that solved it.
 *
 * @param result  the solver's result
 * @param summary {@link TheorySummary#of} the result
 */
public record SolvedTheory(TheoryResult result, TheorySummary summary) {
}
