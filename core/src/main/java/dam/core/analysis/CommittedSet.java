package dam.core.analysis;

/**
 * What one pattern set of a boundary search committed: the round that planned it, the point x it ran at (m0, or the
 * load alpha), its index, and its successes of its trials (up to S, fewer where the runner simulates one trajectory
 * for states that coincide).
 *
 * @param round     the round that planned the set, &gt;= 0
 * @param x         the point it ran at, exactly as the plan gave it
 * @param set       the pattern set index (trial k is on set k / S), &gt;= 0
 * @param successes retrieved trials, 0 .. trials
 * @param trials    trials run on the set, &gt;= 1
 */
public record CommittedSet(int round, double x, int set, int successes, int trials) {

    /** Validates the counts. */
    public CommittedSet {
        dam.core.Require.atLeast("round", round, 0);
        dam.core.Require.atLeast("set", set, 0);
        dam.core.Require.atLeast("trials", trials, 1);
        if (!Double.isFinite(x)) {
            throw new IllegalArgumentException("x: must be finite, got " + x + " on pattern set " + set);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes: need 0 <= successes <= trials, got " + successes + "/" + trials
                    + " on pattern set " + set);
        }
    }
}
