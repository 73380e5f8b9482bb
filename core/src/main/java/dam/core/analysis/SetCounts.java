package dam.core.analysis;

import java.util.Arrays;

/**
 * The retrieval outcomes of one grid point per pattern set: {@code successes[j]} of {@code trials[j]} trials ran on
 * pattern set j. Trials that share a pattern set are correlated (the set decides much of the outcome), so the
 * pattern set, not the trial, is the independent unit of every interval built from these counts.
 *
 * @param successes successes per pattern set, set index ascending
 * @param trials    trials per pattern set (&gt;= 1 each), same length
 */
public record SetCounts(int[] successes, int[] trials) {

    /** Validates the counts and keeps private copies. */
    public SetCounts {
        if (successes == null || trials == null || successes.length != trials.length || trials.length == 0) {
            throw new IllegalArgumentException("successes, trials: need one count of each per pattern set, at least one set");
        }
        successes = successes.clone();
        trials = trials.clone();
        for (int j = 0; j < trials.length; j++) {
            if (trials[j] < 1 || successes[j] < 0 || successes[j] > trials[j]) {
                throw new IllegalArgumentException("successes: need 0 <= successes <= trials and trials >= 1, got "
                        + successes[j] + "/" + trials[j] + " on pattern set " + j);
            }
        }
    }

    /** The number K of pattern sets. */
    public int sets() {
        return trials.length;
    }

    /** Successes summed over the sets. */
    public int totalSuccesses() {
        return Arrays.stream(successes).sum();
    }

    /** Trials summed over the sets. */
    public int totalTrials() {
        return Arrays.stream(trials).sum();
    }

    @Override
    public int[] successes() {
        return successes.clone();
    }

    @Override
    public int[] trials() {
        return trials.clone();
    }

    /** Successes on set j. */
    public int successes(int j) {
        return successes[j];
    }

    /** Trials on set j. */
    public int trials(int j) {
        return trials[j];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SetCounts c && Arrays.equals(successes, c.successes) && Arrays.equals(trials, c.trials);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(successes) + Arrays.hashCode(trials);
    }

    @Override
    public String toString() {
        return "SetCounts" + Arrays.toString(successes) + "/" + Arrays.toString(trials);
    }
}
