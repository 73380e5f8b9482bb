package dam.core.sim;

import dam.core.model.MemoryModel;
import dam.core.model.Model;
import dam.core.model.UpdateOrder;
import dam.core.rng.Rng;
import dam.core.rng.Seeds;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A trial as docs/physics.md and {@link TrialRunner}'s contract describe it, computed with {@link ReferenceStep}
 * every step (no early stop, no batching): the seeds of {@link Seeds}, the initial state and sequential orders from
 * the initial-state stream, and at temperature &gt; 0 one draw of the thermal stream per neuron update (neurons
 * 0 .. N-1 of a parallel step, the sweep's order of a sequential one). The fixed-point and 2-cycle times are read
 * off the whole path at temperature 0 and are -1 at temperature &gt; 0.
 */
final class ReferenceTrial {

    private ReferenceTrial() {
    }

    /** The trial's result as TrialRunner must return it. */
    static TrialResult of(MemoryModel model, int n, int N, double alpha, UpdateOrder update, SimulationSettings s,
                          long base, int trial) {
        int p = Model.patternCount(n, N, alpha);
        int set = trial / s.statesPerPatternSet();
        long patternSeed = Seeds.patternSet(base, n, N, alpha, set);
        long stateSeed = Seeds.initialState(base, n, N, alpha, s.m0(), trial);
        boolean warm = s.temperature() > 0;
        long thermalSeed = warm ? Seeds.thermal(base, n, N, alpha, s.m0(), s.temperature(), trial) : 0L;
        PatternMatrix xi = PatternMatrix.random(p, N, patternSeed);
        ReferenceStep reference = new ReferenceStep(model, n, xi.toDense());
        Glauber glauber = warm ? new Glauber(s.temperature(), model.fieldUnit(n, N)) : null;
        UniformRandomProvider rng = Rng.create(stateSeed);
        UniformRandomProvider thermal = warm ? Rng.create(thermalSeed) : null;
        long[] packed = new long[xi.words()];
        InitialState.draw(xi, s.m0(), s.init(), rng, packed, 0);
        int T = s.steps();
        List<int[]> path = new ArrayList<>();
        path.add(States.unpack(packed, 0, N));
        int[] order = new int[N];
        for (int t = 0; t < T; t++) {
            int[] sigma = path.get(t);
            if (update == UpdateOrder.PARALLEL) {
                path.add(warm ? reference.parallel(sigma, glauber, thermal) : reference.parallel(sigma));
            } else {
                TrialRunner.randomPermutation(order, rng);
                path.add(warm ? reference.sequential(sigma, order, glauber, thermal) : reference.sequential(sigma, order));
            }
        }
        double[] m = new double[T + 1];
        double[] f = new double[T];
        int fixed = -1;
        int cycle = -1;
        for (int t = 0; t <= T; t++) {
            m[t] = dot(xi.toDense()[0], path.get(t)) / (double) N;
        }
        for (int t = 0; t < T; t++) {
            int flips = N - (dot(path.get(t), path.get(t + 1)) + N) / 2;
            f[t] = flips / (double) N;
            if (!warm && flips == 0 && fixed < 0) {
                fixed = t;
            }
            if (!warm && t >= 1 && flips > 0 && cycle < 0 && Arrays.equals(path.get(t + 1), path.get(t - 1))) {
                cycle = t;
            }
        }
        return new TrialResult(trial, patternSeed, stateSeed, m, f, fixed, cycle, thermalSeed);
    }

    private static int dot(int[] x, int[] y) {
        int s = 0;
        for (int i = 0; i < x.length; i++) {
            s += x[i] * y[i];
        }
        return s;
    }
}
