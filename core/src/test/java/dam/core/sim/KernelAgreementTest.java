package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Tag;

/**
 * Every production kernel reproduces the literal rule of {@link ReferenceStep} exactly, state by state and step by
 * step, for both models (the p-body model at n = 2 to 6). The benchmark baselines (DenseIntStep, LookupTableStep)
 * are checked the same way in the bench module (BaselineKernelAgreementTest), which also runs the fast kernel
 * against DenseIntStep on groups too large for the reference.
 */
@Tag("slow")
class KernelAgreementTest {

    private static int[][] cases(MemoryModel model) {
        return model == MemoryModel.DENSE ? KernelCases.CASES : KernelCases.PBODY_CASES;
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void parallelKernelsMatchReferenceOnTrajectories(MemoryModel model) {
        int ties = 0;
        for (int[] c : cases(model)) {
            int n = c[0], N = c[1], p = c[2];
            PatternMatrix xi = PatternMatrix.random(p, N, 1000L * n + N);
            ReferenceStep reference = new ReferenceStep(model, n, xi.toDense());
            FieldCoefficients coefficients = new FieldCoefficients(model, n, N);
            ParallelStep fast = new ParallelStep(xi, coefficients, Lanes.SCALAR);
            ParallelStep vector = new ParallelStep(xi, coefficients, Lanes.VECTOR);
            List<int[]> states = KernelCases.initialStates(xi, 7L * p + N);
            int S = states.size();
            int words = xi.words();
            long[] batch = new long[S * words];
            for (int s = 0; s < S; s++) {
                System.arraycopy(States.pack(states.get(s)), 0, batch, s * words, words);
            }
            for (int t = 0; t < 4; t++) {
                long[] next = new long[S * words];
                long[] nextVector = new long[S * words];
                fast.step(batch, S, next);
                vector.step(batch, S, nextVector);
                for (int s = 0; s < S; s++) {
                    int[] sigma = States.unpack(batch, s * words, N);
                    int[] expected = reference.parallel(sigma);
                    for (int i = 0; i < N; i++) {
                        if (reference.field(sigma, i).signum() == 0) {
                            ties++;
                        }
                    }
                    String where = model.key() + " n=" + n + " N=" + N + " p=" + p + " state " + s + " t=" + t;
                    assertArrayEquals(expected, States.unpack(next, s * words, N), "fast scalar " + where);
                    assertArrayEquals(expected, States.unpack(nextVector, s * words, N), "fast vector " + where);
                    // A batch of one state gives the same answer as the full batch.
                    long[] single = new long[words];
                    fast.step(java.util.Arrays.copyOfRange(batch, s * words, (s + 1) * words), 1, single);
                    assertArrayEquals(expected, States.unpack(single, 0, N), "fast single " + where);
                    vector.step(java.util.Arrays.copyOfRange(batch, s * words, (s + 1) * words), 1, single);
                    assertArrayEquals(expected, States.unpack(single, 0, N), "vector single " + where);
                }
                batch = next;
            }
        }
        assertTrue(ties > 50, "the cases must exercise ties h_i = 0, saw " + ties);
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void largeFieldsTakeTheLongPathAndStayExact(MemoryModel model) {
        // n = 6: near the condensed pattern the dense a(b_1) is about 12 N^5 ~ 9e9 > 2^31 at N = 60, the p-body
        // a(b_1) about C(N-1, 5) ~ 2.5e9 at N = 200 (and 120 a(b), the int lanes' value, far beyond an int).
        int n = 6, N = model == MemoryModel.DENSE ? 60 : 200, p = 6;
        PatternMatrix xi = PatternMatrix.random(p, N, 42);
        FieldCoefficients coefficients = new FieldCoefficients(model, n, N);
        long[] sigma = xi.pattern(0);
        int[] b = new int[p];
        for (int mu = 0; mu < p; mu++) {
            b[mu] = xi.overlap(mu, sigma, 0);
        }
        assertTrue(coefficients.bound(b, 0, p, 1) >= FieldCoefficients.INT_LIMIT);
        ReferenceStep reference = new ReferenceStep(model, n, xi.toDense());
        List<int[]> states = KernelCases.initialStates(xi, 3);
        int[] order = new int[N];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4);
        for (int[] s0 : states) {
            long[] packed = States.pack(s0);
            long[] next = new long[xi.words()];
            int[] expected = reference.parallel(s0);
            new ParallelStep(xi, coefficients, Lanes.SCALAR).step(packed, 1, next);
            assertArrayEquals(expected, States.unpack(next, 0, N));
            new ParallelStep(xi, coefficients, Lanes.VECTOR).step(packed, 1, next);
            assertArrayEquals(expected, States.unpack(next, 0, N));
            TrialRunner.randomPermutation(order, rng);
            long[] swept = packed.clone();
            new SequentialSweep(xi, coefficients, Lanes.VECTOR).sweep(swept, order);
            assertArrayEquals(reference.sequential(s0, order), States.unpack(swept, 0, N), "sequential");
        }
    }

    /** Extra sequential cases: few patterns and few neurons, where single-neuron fields often tie. */
    private static final int[][] TIE_CASES = {{2, 6, 2}, {2, 7, 1}, {2, 9, 2}, {2, 10, 3}, {3, 6, 3}, {4, 6, 2}, {4, 8, 3}};

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void sequentialSweepMatchesReferenceInTheSameOrder(MemoryModel model) {
        UniformRandomProvider orderRng = RandomSource.XO_RO_SHI_RO_128_PP.create(99);
        int sweeps = 0;
        int ties = 0;
        int[][] cases = java.util.stream.Stream.of(cases(model), TIE_CASES).flatMap(java.util.Arrays::stream).toArray(int[][]::new);
        for (int[] c : cases) {
            int n = c[0], N = c[1], p = c[2];
            PatternMatrix xi = PatternMatrix.random(p, N, 31L * n + N);
            ReferenceStep reference = new ReferenceStep(model, n, xi.toDense());
            FieldCoefficients coefficients = new FieldCoefficients(model, n, N);
            SequentialSweep scalar = new SequentialSweep(xi, coefficients, Lanes.SCALAR);
            SequentialSweep vector = new SequentialSweep(xi, coefficients, Lanes.VECTOR);
            SequentialSweep longPath = new SequentialSweep(xi, coefficients, Lanes.VECTOR);
            longPath.longPathAfterFlips = 0; // every field on the long path
            SequentialSweep intLanes = new SequentialSweep(xi, coefficients, Lanes.VECTOR);
            intLanes.outlierCapacity = -1; // never the quarter squares (n = 3)
            for (int[] s0 : KernelCases.initialStates(xi, 5L * N + p)) {
                int[] expected = s0;
                long[] sigma = States.pack(s0);
                long[] sigmaVector = sigma.clone();
                long[] sigmaLong = sigma.clone();
                long[] sigmaInt = sigma.clone();
                int[] order = new int[N];
                for (int t = 0; t < 3; t++) {
                    TrialRunner.randomPermutation(order, orderRng);
                    int[] before = expected;
                    int[] state = expected.clone();
                    for (int i : order) {
                        if (reference.field(state, i).signum() == 0) {
                            ties++;
                        }
                        state = reference.sequential(state, new int[] {i});
                    }
                    expected = reference.sequential(expected, order);
                    int flips = States.distance(States.pack(before), 0, States.pack(expected), 0, xi.words());
                    String where = model.key() + " n=" + n + " N=" + N + " p=" + p + " sweep " + t;
                    assertEquals(flips, scalar.sweep(sigma, order), "scalar flips " + where);
                    assertArrayEquals(expected, States.unpack(sigma, 0, N), "scalar " + where);
                    assertEquals(flips, vector.sweep(sigmaVector, order), "vector flips " + where);
                    assertArrayEquals(expected, States.unpack(sigmaVector, 0, N), "vector " + where);
                    assertEquals(flips, longPath.sweep(sigmaLong, order), "long flips " + where);
                    assertArrayEquals(expected, States.unpack(sigmaLong, 0, N), "long " + where);
                    assertEquals(flips, intLanes.sweep(sigmaInt, order), "int lanes flips " + where);
                    assertArrayEquals(expected, States.unpack(sigmaInt, 0, N), "int lanes " + where);
                    sweeps++;
                }
            }
        }
        assertEquals(cases.length * 8 * 3, sweeps);
        assertTrue(ties > 50, "the cases must exercise ties h_i = 0, saw " + ties);
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void sequentialLanesMatchTheLongPathOnLargeColumns(MemoryModel model) {
        // Columns of many words (p up to 3000), N past whole vectors, the int lanes' chunked sums, and a switch to
        // the long path in the middle of a sweep (as when W reaches 2^32). The long path is checked against the
        // reference above.
        // n = 3 runs on packed quarter squares: N = 512 and 1025 near the pattern hold outliers (|b| > 362), N = 401
        // crosses the clamp; the same sweepers with no room for outliers (switching to the int lanes when the first
        // appears, in the middle of a sweep) and without the quarter squares at all.
        int[][] cases = {{3, 130, 3000}, {2, 600, 400}, {4, 70, 2500}, {5, 40, 1500}, {3, 512, 700}, {3, 401, 900},
            {3, 1025, 300}};
        int outliersSeen = 0;
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(5);
        for (int[] c : cases) {
            int n = c[0], N = c[1], p = c[2];
            PatternMatrix xi = PatternMatrix.random(p, N, 23L * n + N);
            FieldCoefficients coefficients = new FieldCoefficients(model, n, N);
            SequentialSweep longPath = new SequentialSweep(xi, coefficients, Lanes.SCALAR);
            longPath.longPathAfterFlips = 0;
            SequentialSweep scalar = new SequentialSweep(xi, coefficients, Lanes.SCALAR);
            SequentialSweep vector = new SequentialSweep(xi, coefficients, Lanes.VECTOR);
            SequentialSweep switching = new SequentialSweep(xi, coefficients, Lanes.VECTOR);
            SequentialSweep noRoom = new SequentialSweep(xi, coefficients, Lanes.VECTOR);
            noRoom.outlierCapacity = 0;
            SequentialSweep intLanes = new SequentialSweep(xi, coefficients, Lanes.VECTOR);
            intLanes.outlierCapacity = -1;
            SequentialSweep scalarNoRoom = new SequentialSweep(xi, coefficients, Lanes.SCALAR);
            scalarNoRoom.outlierCapacity = 0;
            int[] order = new int[N];
            int moved = 0;
            for (double m0 : new double[] {0.9, 0.4, 0.0}) {
                long[] expected = new long[xi.words()];
                InitialState.draw(xi, m0, Initialisation.EXACT, rng, expected, 0);
                long[] sigmaScalar = expected.clone();
                long[] sigmaVector = expected.clone();
                long[] sigmaSwitching = expected.clone();
                long[][] others = {expected.clone(), expected.clone(), expected.clone()};
                SequentialSweep[] otherSweepers = {noRoom, intLanes, scalarNoRoom};
                for (int t = 0; t < 3; t++) {
                    TrialRunner.randomPermutation(order, rng);
                    int flips = longPath.sweep(expected, order);
                    moved += flips;
                    String where = model.key() + " n=" + n + " N=" + N + " p=" + p + " m0=" + m0 + " sweep " + t;
                    assertEquals(flips, scalar.sweep(sigmaScalar, order), "scalar " + where);
                    assertArrayEquals(expected, sigmaScalar, "scalar " + where);
                    assertEquals(flips, vector.sweep(sigmaVector, order), "vector " + where);
                    assertArrayEquals(expected, sigmaVector, "vector " + where);
                    switching.longPathAfterFlips = 1 + t;
                    assertEquals(flips, switching.sweep(sigmaSwitching, order), "switching " + where);
                    assertArrayEquals(expected, sigmaSwitching, "switching " + where);
                    outliersSeen += vector.outliers();
                    for (int v = 0; v < others.length; v++) {
                        assertEquals(flips, otherSweepers[v].sweep(others[v], order), "variant " + v + " " + where);
                        assertArrayEquals(expected, others[v], "variant " + v + " " + where);
                    }
                }
            }
            assertTrue(moved > 0, "the dynamics must move, n=" + n);
        }
        assertTrue(outliersSeen > 0, "the n = 3 cases must hold outliers of the quarter squares");
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void sequentialFieldsEqualTheReferenceFieldExactly(MemoryModel model) {
        // Signs alone would hide a small error in a field, so the values are compared: every neuron, on every path
        // of the int lanes (packed quarter squares with outliers, without room for them, the plain int lanes), at
        // states near a pattern (|b| past the clamp for N = 512 and 401) and far from it.
        int[][] cases = {{3, 512, 40}, {3, 401, 60}, {3, 13, 11}, {2, 70, 17}, {4, 33, 16}, {5, 40, 24}};
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11);
        int compared = 0;
        int withOutliers = 0;
        for (int[] c : cases) {
            int n = c[0], N = c[1], p = c[2];
            PatternMatrix xi = PatternMatrix.random(p, N, 19L * n + N);
            ReferenceStep reference = new ReferenceStep(model, n, xi.toDense());
            FieldCoefficients coefficients = new FieldCoefficients(model, n, N);
            List<SequentialSweep> sweepers = new ArrayList<>();
            for (Lanes lanes : Lanes.values()) {
                for (int capacity : new int[] {32, 0, -1}) {
                    SequentialSweep sweeper = new SequentialSweep(xi, coefficients, lanes);
                    sweeper.outlierCapacity = capacity;
                    sweepers.add(sweeper);
                }
            }
            int[] order = new int[N];
            for (double m0 : new double[] {1.0, 0.85, 0.3}) {
                long[] start = new long[xi.words()];
                InitialState.draw(xi, m0, Initialisation.EXACT, rng, start, 0);
                TrialRunner.randomPermutation(order, rng);
                long[][] states = new long[sweepers.size()][];
                for (int sweep = 0; sweep < 2; sweep++) {
                    // sweep 0: fields at a state the sweepers start from; sweep 1: at the state a sweep left them in,
                    // their overlaps and outliers kept up to date flip by flip (N = 401 from m0 = 0.85 passes the
                    // clamp in the middle of the sweep, between two scans for outliers)
                    for (int v = 0; v < states.length; v++) {
                        if (sweep == 0) {
                            states[v] = start.clone();
                        } else {
                            sweepers.get(v).sweep(states[v], order);
                            assertArrayEquals(states[0], states[v], "the sweepers agree, variant " + v);
                        }
                    }
                    int[] state = States.unpack(states[0], 0, N);
                    for (int i = 0; i < N; i++) {
                        long expected = reference.field(state, i).longValueExact();
                        for (int v = 0; v < states.length; v++) {
                            SequentialSweep sweeper = sweepers.get(v);
                            Long field = sweeper.fieldAt(states[v], i);
                            if (field != null) {
                                assertEquals(expected, field.longValue(), model.key() + " n=" + n + " N=" + N + " m0=" + m0 + " sweep "
                                        + sweep + " i=" + i + " " + sweeper.lanes() + " capacity " + sweeper.outlierCapacity);
                                compared++;
                            }
                        }
                    }
                    withOutliers += sweepers.get(0).outliers() > 0 ? 1 : 0;
                }
            }
        }
        assertTrue(compared > 6 * 3 * 2 * 500, "fields compared: " + compared);
        assertTrue(withOutliers >= 7, "states holding outliers of the quarter squares: " + withOutliers);
    }

    @ParameterizedTest
    @EnumSource(MemoryModel.class)
    void fieldThatCouldExceedLongThrowsNamingNandN(MemoryModel model) {
        // the p-body a(N) at n = 30 is about C(N - 1, 29): 7.7e17 at N = 64, 2e29 at N = 128
        int n = 30, N = model == MemoryModel.DENSE ? 64 : 128;
        PatternMatrix xi = PatternMatrix.random(3, N, 1);
        FieldCoefficients coefficients = new FieldCoefficients(model, n, N);
        long[] sigma = xi.pattern(0);
        for (Lanes lanes : Lanes.values()) {
            ArithmeticException e = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class,
                    () -> new ParallelStep(xi, coefficients, lanes).step(sigma, 1, new long[xi.words()]));
            assertTrue(e.getMessage().contains("n=30") && e.getMessage().contains("N=" + N), e.getMessage());
        }
        for (Lanes lanes : Lanes.values()) {
            ArithmeticException e = org.junit.jupiter.api.Assertions.assertThrows(ArithmeticException.class,
                    () -> new SequentialSweep(xi, coefficients, lanes).sweep(sigma.clone(), new int[] {0, 1, 2}));
            assertTrue(e.getMessage().contains("n=30") && e.getMessage().contains("N=" + N), e.getMessage());
        }
    }
}
