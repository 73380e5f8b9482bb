package dam.core.theory;

import dam.core.model.MemoryModel;
import java.util.ArrayList;
import java.util.List;

/**
 * The solver's process ({@link EffectiveProcessSolver}, temperature 0) with, at every step t from a given step on,
 * each path's field split into its two parts: the static-noise part u(t) = m(t)^(n-1) + sqrt(alpha) phi(t) and the
 * retarded self-interaction alpha sum_{s<t} P'(C(t, s)) G(t, s) sigma(s), with the spin sigma(t+1) they produce. The
 * stationary-state analysis (docs/notes/stationary.md) reads from these records which sign the dynamics selects where
 * both signs are self-consistent. The records come from the solver itself, through its {@link
 * EffectiveProcessSolver.Observer}, so they describe the solver's process and cannot drift from it.
 */
final class InstrumentedProcess {

    private final EffectiveProcessSolver solver;
    private final int paths;

    /** The solver's process of the dense model at order n, load alpha, M = paths paths on threads threads. */
    InstrumentedProcess(int n, double alpha, int paths, int threads) {
        this(MemoryModel.DENSE, n, alpha, paths, threads, true);
    }

    /** The solver's process of the model (temperature 0) at order n, load alpha, M = paths paths on threads threads. */
    InstrumentedProcess(MemoryModel model, int n, double alpha, int paths, int threads) {
        this(model, n, alpha, paths, threads, true);
    }

    /** As the other constructors, with whether the retarded self-interaction is kept. */
    InstrumentedProcess(MemoryModel model, int n, double alpha, int paths, int threads, boolean retarded) {
        this.solver = new EffectiveProcessSolver(model, n, alpha, 0, paths, threads, retarded);
        this.paths = paths;
    }

    /**
     * The fields of step t on every path (index = path number): u = the part of h(t) that is not the retarded
     * self-interaction (signal plus Gaussian noise, eps(t) included), retarded = the retarded part, next = sigma(t+1);
     * memory = the retarded coefficients alpha P'(C(t, s)) G(t, s), s &lt; t, of that step.
     */
    record Snapshot(int t, float[] u, float[] retarded, byte[] next, double[] memory) {
    }

    /** A solution and the snapshots of steps recordFrom..T-1. */
    record Recorded(TheoryResult result, List<Snapshot> snapshots) {
    }

    /** Solves as the solver does from m0 over T = steps steps, recording every step t &gt;= recordFrom. */
    Recorded solve(double m0, int steps, long seed, int recordFrom) {
        List<Snapshot> snapshots = new ArrayList<>();
        TheoryResult result = solver.solve(m0, steps, seed, new EffectiveProcessSolver.Observer() {
            @Override
            public void step(int t, double[] memory) {
                if (t >= recordFrom) {
                    snapshots.add(new Snapshot(t, new float[paths], new float[paths], new byte[paths], memory.clone()));
                }
            }

            @Override
            public void tile(int t, long first, int size, float[] field, double b, float[] eps, long spins,
                             float[][] sigma, float[] memory) {
                if (t < recordFrom) {
                    return;
                }
                // each tile writes its own paths: concurrent calls touch disjoint entries
                Snapshot snap = snapshots.get(t - recordFrom);
                for (int i = 0; i < size; i++) {
                    double r = 0;
                    for (int s = 0; s < t; s++) {
                        r += memory[s] * sigma[s][i];
                    }
                    int p = (int) first + i;
                    snap.retarded()[p] = (float) r;
                    snap.u()[p] = (float) (field[i] - r + b * eps[i]);
                    snap.next()[p] = (byte) ((spins >>> i & 1L) != 0 ? 1 : -1);
                }
            }
        });
        return new Recorded(result, snapshots);
    }
}
