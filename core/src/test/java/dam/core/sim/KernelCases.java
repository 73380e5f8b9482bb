package dam.core.sim;

import dam.core.model.Initialisation;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The cases every kernel-agreement test runs (core's KernelAgreementTest and the bench module's
 * BaselineKernelAgreementTest, which gets this class from core's test jar).
 */
final class KernelCases {

    /** (n, N, p) cases: N below, at and above multiples of 8 and 64; even N produces ties. */
    static final int[][] CASES = {
        {2, 8, 3}, {2, 9, 5}, {2, 16, 20}, {2, 31, 9}, {2, 64, 12}, {2, 70, 17},
        {3, 8, 2}, {3, 13, 11}, {3, 24, 30}, {3, 64, 17}, {3, 70, 9},
        {4, 10, 7}, {4, 33, 16}, {4, 65, 8},
        {5, 12, 9}, {5, 40, 24}, {5, 67, 5},
    };

    /**
     * (n, N, p) cases of the p-body model: those of {@link #CASES} and order 6 (whose dense field leaves the int lanes
     * already at N = 60).
     */
    static final int[][] PBODY_CASES = java.util.stream.Stream.concat(java.util.Arrays.stream(CASES),
            java.util.stream.Stream.of(new int[] {6, 10, 6}, new int[] {6, 21, 14}, new int[] {6, 66, 5}))
            .toArray(int[][]::new);

    private static final double[] M0 = {1.0, 0.6, 0.2, -0.3};

    private KernelCases() {
    }

    /** Initial states of the patterns xi: every m0 of {1, 0.6, 0.2, -0.3} with every initialisation, drawn from seed. */
    static List<int[]> initialStates(PatternMatrix xi, long seed) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        List<int[]> out = new ArrayList<>();
        for (double m0 : M0) {
            for (Initialisation init : Initialisation.values()) {
                long[] sigma = new long[xi.words()];
                InitialState.draw(xi, m0, init, rng, sigma, 0);
                out.add(States.unpack(sigma, 0, xi.N()));
            }
        }
        return out;
    }
}
