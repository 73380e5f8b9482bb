package dam.core.theory;

/**
 * Solves the GFA effective single-neuron process (physics.md sections 3 to 5) forward in time,
 * by sampling M paths, reproducibly from a seed.
 */
public final class EffectiveProcessSolver {

    /** A solver for interaction order n &gt;= 2 at load alpha &gt; 0 with M = paths sampled paths. */
    public EffectiveProcessSolver(int n, double alpha, int paths) {
        throw new UnsupportedOperationException("EffectiveProcessSolver: not implemented yet");
    }

    /** Solves the process from initial overlap m0 over T = steps steps with paths drawn from seed. */
    public TheoryResult solve(double m0, int steps, long seed) {
        throw new UnsupportedOperationException("EffectiveProcessSolver: not implemented yet");
    }
}
