package dam.core.analysis;

import java.util.List;

/**
 * The plan of one round of a boundary search: its runs, in ascending x, on pattern sets no earlier round used.
 *
 * @param round       the round's number, from 0
 * @param runs        what to run, ascending in x
 * @param trialsSpent trials committed by the earlier rounds
 * @param current     the estimate from the earlier rounds (method {@link BoundaryEstimate#NONE} before round 1)
 */
public record BoundaryRound(int round, List<PlannedRun> runs, int trialsSpent, BoundaryEstimate current)
        implements BoundaryStep {

    /** Keeps an unmodifiable copy of the runs. */
    public BoundaryRound {
        runs = List.copyOf(runs);
    }

    /** The trials the round plans. */
    public int trials() {
        return runs.stream().mapToInt(PlannedRun::trials).sum();
    }
}
