package dam.core.bench;

import dam.core.bench.Options.Bound;
import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import dam.core.model.Model;
import dam.core.sim.FieldCoefficients;
import dam.core.sim.Glauber;
import dam.core.sim.InitialState;
import dam.core.sim.Lanes;
import dam.core.sim.ParallelStep;
import dam.core.sim.PatternMatrix;
import dam.core.rng.Seeds;
import dam.core.sim.SequentialSweep;
import dam.core.sim.SweepFields;
import dam.core.sim.TrialRunner;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Paired cost of the kernels on identical work: the p-body model against the dense model, and Glauber dynamics
 * (temperature &gt; 0) against sign dynamics, at the same (n, N, p), pattern set and states. Unlike
 * {@link StepThroughput}, whose trials follow each model's own dynamics, every call here starts from the same input:
 * a parallel call advances S fixed states one step (into a scratch buffer, so the input never changes); a sequential
 * call sweeps a copy of one fixed state in one fixed order (the thermal streams run on, so the Glauber sweeps differ
 * in their draws only). The two models' sweeps flip different neurons (their dynamics differ), so the N fields of
 * the fixed state, computed as a sweep computes them but without flips ({@link SweepFields}), are timed too: the
 * same work for both. The ten variants (parallel, sequential x dense, p-body x temperature 0, T; fields x dense,
 * p-body) are called round after round on one thread, in a fresh random order each round (a variant that follows its
 * twin finds the shared patterns in cache: a fixed order measured the second of two identical n = 2 sweeps 10 to
 * 18% faster), and each call's CPU time is recorded: the ratio of two variants in one round is then measured within
 * a few milliseconds, so slow changes in the machine's load cancel, and the table gives the median of the
 * per-round ratios with its interquartile range.
 *
 * <p>Options: --n 3 --neurons 512,1024 --alphas 0.1,0.2,0.4 --S 10 --m0 0.5 --temperature 0.5 --seconds 8
 * --warmup 3 --seed 1. Entry points: {@link #main} and {@link #run(String[], PrintStream)}.
 */
public final class KernelComparison {

    private KernelComparison() {
    }

    /** Runs the comparison from command-line options; prints the table to stdout (exit 2 on bad options). */
    public static void main(String[] args) throws Exception {
        Options.exitOnBadOption("bench: ", () -> run(args, System.out));
    }

    /** Parses the options (see the class comment) and prints one row per (N, alpha) to out. */
    public static void run(String[] args, PrintStream out) {
        Options options = new Options(args, "see KernelComparison javadoc");
        int n = options.integer("--n", 3, 2, 64);
        int[] Ns = options.integers("--neurons", new int[] {512, 1024}, 2, 1 << 20);
        double[] alphas = options.reals("--alphas", new double[] {0.1, 0.2, 0.4}, Bound.within(1e-12, 1e6));
        int S = options.integer("--S", 10, 1, 1000);
        double m0 = options.real("--m0", 0.5, Bound.within(-1, 1));
        double temperature = options.real("--temperature", 0.5, Bound.within(1e-300, 1e300));
        double seconds = options.real("--seconds", 8, Bound.within(0.01, 1e5));
        double warmup = options.real("--warmup", 3, Bound.within(0, 1e5));
        long seed = options.whole("--seed", 1);
        options.finish();
        out.printf(Locale.ROOT, "# n=%d, S=%d states at m0=%.2f, temperature %s against 0, lanes %s; one thread, variants"
                + " called in turn; per-round ratios: median [quartiles]%n", n, S, m0, temperature,
                Lanes.best().name().toLowerCase(Locale.ROOT));
        out.printf(Locale.ROOT, "%-5s %-6s %7s %9s %22s %22s %22s %9s %22s %9s %22s %22s %22s %11s %5s%n", "N", "alpha",
                "p", "step ms", "step pbody/dense", "thermal dense", "thermal pbody", "fields ms", "fields pbody/dense",
                "sweep ms", "sweep pbody/dense", "thermal dense", "thermal pbody", "flips d/p", "load");
        for (int N : Ns) {
            for (double alpha : alphas) {
                out.println(row(n, N, alpha, S, m0, temperature, seconds, warmup, seed));
                out.flush();
            }
        }
    }

    /** The variants of one grid point, their per-call CPU times, and the row. */
    private static String row(int n, int N, double alpha, int S, double m0, double temperature, double seconds,
                              double warmup, long seed) {
        int p = Model.patternCount(n, N, alpha);
        PatternMatrix xi = PatternMatrix.random(p, N, Seeds.patternSet(seed, n, N, alpha, 0));
        int words = xi.words();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
        long[] states = new long[S * words];
        for (int s = 0; s < S; s++) {
            InitialState.draw(xi, m0, Initialisation.EXACT, rng, states, s * words);
        }
        long[] start = Arrays.copyOf(states, words);
        int[] order = new int[N];
        TrialRunner.randomPermutation(order, rng);
        long[] next = new long[S * words];
        long[] sigma = new long[words];
        int[] flips = new int[2];
        // all[v]: v = 0 parallel dense 0, 1 parallel p-body 0, 2 parallel dense T, 3 parallel p-body T, then 4 .. 7 the
        // same for the sequential sweep
        Runnable[] all = new Runnable[10]; // 8, 9: the N fields of the fixed state, dense and p-body
        long[] sink = new long[1];
        for (MemoryModel model : MemoryModel.values()) {
            FieldCoefficients c = new FieldCoefficients(model, n, N);
            ParallelStep step = new ParallelStep(xi, c);
            SequentialSweep sweep = new SequentialSweep(xi, c);
            Glauber glauber = Glauber.of(model, n, N, temperature);
            UniformRandomProvider[] thermal = new UniformRandomProvider[S];
            for (int s = 0; s < S; s++) {
                thermal[s] = RandomSource.XO_RO_SHI_RO_128_PP.create(seed + 1 + s);
            }
            int m = model.ordinal();
            all[m] = () -> step.step(states, S, next);
            all[2 + m] = () -> step.step(states, S, next, glauber, thermal);
            all[4 + m] = () -> {
                System.arraycopy(start, 0, sigma, 0, words);
                flips[m] = sweep.sweep(sigma, order);
            };
            all[6 + m] = () -> {
                System.arraycopy(start, 0, sigma, 0, words);
                sweep.sweep(sigma, order, glauber, thermal[0]);
            };
            SequentialSweep fieldSweep = new SequentialSweep(xi, c);
            long[] fixed = start.clone();
            all[8 + m] = () -> sink[0] += SweepFields.all(fieldSweep, fixed, N);
        }
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long until = System.nanoTime() + (long) (warmup * 1e9);
        while (System.nanoTime() < until) {
            for (Runnable r : all) {
                r.run();
            }
        }
        List<long[]> rounds = new ArrayList<>();
        until = System.nanoTime() + (long) (seconds * 1e9);
        java.util.SplittableRandom shuffle = new java.util.SplittableRandom(seed);
        int[] turn = java.util.stream.IntStream.range(0, all.length).toArray();
        do {
            for (int k = turn.length - 1; k > 0; k--) {
                int j = shuffle.nextInt(k + 1);
                int x = turn[k];
                turn[k] = turn[j];
                turn[j] = x;
            }
            long[] t = new long[all.length];
            for (int v : turn) {
                long t0 = mx.getCurrentThreadCpuTime();
                all[v].run();
                t[v] = mx.getCurrentThreadCpuTime() - t0;
            }
            rounds.add(t);
        } while (System.nanoTime() < until || rounds.size() < 5);
        return String.format(Locale.ROOT, "%-5d %-6.3f %7d %9.3f %22s %22s %22s %9.3f %22s %9.3f %22s %22s %22s %11s %5.2f",
                N, alpha, p, median(rounds, 0) / 1e6 / S, ratio(rounds, 1, 0), cost(rounds, 2, 0), cost(rounds, 3, 1),
                median(rounds, 8) / 1e6, ratio(rounds, 9, 8),
                median(rounds, 4) / 1e6, ratio(rounds, 5, 4), cost(rounds, 6, 4), cost(rounds, 7, 5),
                flips[0] + "/" + flips[1], StepThroughput.loadAverage());
    }

    private static double median(List<long[]> rounds, int v) {
        return quantiles(rounds.stream().mapToDouble(t -> t[v]).toArray())[1];
    }

    /** The per-round ratio time[a] / time[b]: median [q25, q75]. */
    private static String ratio(List<long[]> rounds, int a, int b) {
        double[] q = quantiles(rounds.stream().mapToDouble(t -> (double) t[a] / t[b]).toArray());
        return String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", q[1], q[0], q[2]);
    }

    /** The per-round extra cost time[a] / time[b] - 1: median [q25, q75]. */
    private static String cost(List<long[]> rounds, int a, int b) {
        double[] q = quantiles(rounds.stream().mapToDouble(t -> (double) t[a] / t[b] - 1).toArray());
        return String.format(Locale.ROOT, "%+.3f [%+.3f, %+.3f]", q[1], q[0], q[2]);
    }

    /** The quartiles {q25, median, q75} (nearest rank). */
    private static double[] quantiles(double[] x) {
        double[] s = x.clone();
        Arrays.sort(s);
        return new double[] {s[(int) Math.floor(0.25 * (s.length - 1))], s[(s.length - 1) / 2], s[(int) Math.ceil(0.75 * (s.length - 1))]};
    }
}
