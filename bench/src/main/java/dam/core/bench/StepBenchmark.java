package dam.core.bench;

import dam.core.model.Initialisation;
import dam.core.model.Model;
import dam.core.sim.DenseIntStep;
import dam.core.sim.FieldCoefficients;
import dam.core.sim.InitialState;
import dam.core.sim.Lanes;
import dam.core.sim.LookupTableStep;
import dam.core.sim.ParallelStep;
import dam.core.sim.PatternMatrix;
import dam.core.sim.SequentialSweep;
import java.util.concurrent.TimeUnit;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * JMH: one parallel step of S = 10 states sharing a pattern set at n = 3, N = 512, alpha = 0.2 (p = 52429), for
 * the fast kernel on vector lanes and on scalar words, the byte-sliced lookup-table kernel and the dense baseline
 * (time per call = time per S trial-steps); and one sequential sweep of one of those states (its first sweep from
 * m0 = 0.5, restored before every call). The forked JVM gets the Vector API module. Run from the repository root:
 * <pre>
 * bench/jmh.sh
 * </pre>
 * (append e.g. {@code -p alpha=0.1,0.4 -f 1 -wi 2 -i 3} to change parameters or shorten the run).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
public class StepBenchmark {

    @Param({"3"})
    public int n;

    @Param({"512"})
    public int N;

    @Param({"0.2"})
    public double alpha;

    @Param({"10"})
    public int states;

    private ParallelStep fast;
    private ParallelStep scalar;
    private LookupTableStep table;
    private SequentialSweep sequential;
    private long[] sweepStart;
    private long[] sweepState;
    private int[] order;
    private DenseIntStep dense;
    private long[] sigma;
    private long[] next;
    private int words;

    @Setup
    public void setUp() {
        int p = Model.patternCount(n, N, alpha);
        PatternMatrix xi = PatternMatrix.random(p, N, 42);
        FieldCoefficients coefficients = new FieldCoefficients(n, N);
        fast = new ParallelStep(xi, coefficients, Lanes.VECTOR);
        scalar = new ParallelStep(xi, coefficients, Lanes.SCALAR);
        table = new LookupTableStep(xi, coefficients);
        sequential = new SequentialSweep(xi, coefficients);
        dense = new DenseIntStep(xi, coefficients);
        words = xi.words();
        sigma = new long[states * words];
        next = new long[states * words];
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7);
        for (int s = 0; s < states; s++) {
            InitialState.draw(xi, 0.5, Initialisation.EXACT, rng, sigma, s * words);
        }
        sweepStart = java.util.Arrays.copyOf(sigma, words);
        sweepState = new long[words];
        order = new int[N];
        for (int i = 0; i < N; i++) {
            order[i] = (int) ((i * 7919L) % N); // a fixed permutation (N and 7919 coprime for N = 512)
        }
    }

    /** The fast kernel on vector lanes, on the whole batch. */
    @Benchmark
    public long[] fastKernel() {
        fast.step(sigma, states, next);
        return next;
    }

    /** The fast kernel on scalar words, on the whole batch. */
    @Benchmark
    public long[] fastScalarKernel() {
        scalar.step(sigma, states, next);
        return next;
    }

    /** One sequential sweep from the first state (its overlaps recomputed, as for the first sweep of a trial). */
    @Benchmark
    public int sequentialSweep() {
        System.arraycopy(sweepStart, 0, sweepState, 0, words);
        return sequential.sweep(sweepState, order);
    }

    /** The byte-sliced lookup-table kernel on the whole batch. */
    @Benchmark
    public long[] lookupTableKernel() {
        table.step(sigma, states, next);
        return next;
    }

    /** The dense baseline, state by state. */
    @Benchmark
    public long[] denseIntStep() {
        for (int s = 0; s < states; s++) {
            dense.step(sigma, s * words, next, s * words);
        }
        return next;
    }
}
