package dam.core.bench;

import dam.core.model.Initialisation;
import dam.core.model.Model;
import dam.core.sim.DenseIntStep;
import dam.core.sim.FieldCoefficients;
import dam.core.sim.InitialState;
import dam.core.sim.ParallelStep;
import dam.core.sim.PatternMatrix;
import dam.core.sim.Seeds;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Throughput of one parallel step, in trial-steps per second (one trial-step = one state advanced one step),
 * for the fast {@link ParallelStep} (batched over the S states sharing a pattern set) and the straightforward
 * {@link DenseIntStep}, at n = 3, N = 512 and several alpha.
 *
 * <p>Every measured step is computed: the benchmark drives the kernels directly, without the early stop at
 * fixed points that {@code TrialRunner} applies, so the number is the honest cost per step. Both kernels run on
 * the same thread pool, one pattern set per task, so their ratio compares like with like.
 */
public final class StepThroughput {

    /** Benchmark settings; {@link #defaults()} gives n=3, N=512, alpha in {0.1, 0.2, 0.4}, S=10. */
    public record Settings(int n, int N, double[] alphas, int statesPerPatternSet, int threads,
                           double warmupSeconds, double measureSeconds, double m0, long seed) {
        /** The task's defaults: n=3, N=512, alpha 0.1/0.2/0.4, S=10, all processors, 2 s warm-up, 5 s measured. */
        public static Settings defaults() {
            return new Settings(3, 512, new double[] {0.1, 0.2, 0.4}, 10,
                    Runtime.getRuntime().availableProcessors(), 2, 5, 0.5, 1);
        }
    }

    /** One row of the result table. */
    public record Row(double alpha, int p, double fast, double dense) {
    }

    private StepThroughput() {
    }

    /**
     * Usage: {@code StepThroughput [--alphas 0.1,0.2,0.4] [--S 10] [--threads k] [--seconds 5] [--warmup 2]
     * [--N 512] [--n 3] [--numpy FILE]}; FILE holds "alpha trial-steps/s" lines from bench/numpy_step.py.
     */
    public static void main(String[] args) throws Exception {
        Settings s = Settings.defaults();
        Path numpy = null;
        for (int k = 0; k < args.length; k += 2) {
            String key = args[k];
            if (k + 1 >= args.length) {
                throw new IllegalArgumentException(key + ": missing value");
            }
            String v = args[k + 1];
            switch (key) {
                case "--alphas" -> s = new Settings(s.n(), s.N(), parseList(v), s.statesPerPatternSet(), s.threads(),
                        s.warmupSeconds(), s.measureSeconds(), s.m0(), s.seed());
                case "--S" -> s = new Settings(s.n(), s.N(), s.alphas(), Integer.parseInt(v), s.threads(),
                        s.warmupSeconds(), s.measureSeconds(), s.m0(), s.seed());
                case "--threads" -> s = new Settings(s.n(), s.N(), s.alphas(), s.statesPerPatternSet(), Integer.parseInt(v),
                        s.warmupSeconds(), s.measureSeconds(), s.m0(), s.seed());
                case "--seconds" -> s = new Settings(s.n(), s.N(), s.alphas(), s.statesPerPatternSet(), s.threads(),
                        s.warmupSeconds(), Double.parseDouble(v), s.m0(), s.seed());
                case "--warmup" -> s = new Settings(s.n(), s.N(), s.alphas(), s.statesPerPatternSet(), s.threads(),
                        Double.parseDouble(v), s.measureSeconds(), s.m0(), s.seed());
                case "--N" -> s = new Settings(s.n(), Integer.parseInt(v), s.alphas(), s.statesPerPatternSet(), s.threads(),
                        s.warmupSeconds(), s.measureSeconds(), s.m0(), s.seed());
                case "--n" -> s = new Settings(Integer.parseInt(v), s.N(), s.alphas(), s.statesPerPatternSet(), s.threads(),
                        s.warmupSeconds(), s.measureSeconds(), s.m0(), s.seed());
                case "--numpy" -> numpy = Path.of(v);
                default -> throw new IllegalArgumentException(key + ": unknown option (see StepThroughput javadoc)");
            }
        }
        List<Row> rows = run(s, System.err);
        printTable(s, rows, numpy == null ? Map.of() : readRates(numpy), System.out);
    }

    private static double[] parseList(String v) {
        String[] parts = v.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }

    /** Reads "alpha rate" lines (other lines, e.g. comments starting with #, are ignored). */
    public static Map<Double, Double> readRates(Path file) throws IOException {
        Map<Double, Double> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] f = line.trim().split("\\s+");
            if (f.length >= 2 && !f[0].startsWith("#")) {
                out.put(Double.parseDouble(f[0]), Double.parseDouble(f[1]));
            }
        }
        return out;
    }

    /** Measures every alpha of the settings; progress goes to log. */
    public static List<Row> run(Settings s, PrintStream log) throws Exception {
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(s.threads());
        try {
            for (double alpha : s.alphas()) {
                int p = Model.patternCount(s.n(), s.N(), alpha);
                FieldCoefficients coefficients = new FieldCoefficients(s.n(), s.N());
                List<Workload> work = new ArrayList<>();
                for (int set = 0; set < s.threads(); set++) {
                    work.add(new Workload(s, alpha, p, set, coefficients));
                }
                double fast = measure(pool, work, true, s);
                double dense = measure(pool, work, false, s);
                log.printf(Locale.ROOT, "alpha=%.3f p=%d fast=%.1f dense=%.1f trial-steps/s%n", alpha, p, fast, dense);
                rows.add(new Row(alpha, p, fast, dense));
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    /** Trial-steps per second over all threads: warm-up, then a timed run of whole batch steps. */
    private static double measure(ExecutorService pool, List<Workload> work, boolean fast, Settings s) throws Exception {
        runFor(pool, work, fast, s.warmupSeconds());
        long t0 = System.nanoTime();
        long steps = runFor(pool, work, fast, s.measureSeconds());
        return steps / ((System.nanoTime() - t0) * 1e-9);
    }

    private static long runFor(ExecutorService pool, List<Workload> work, boolean fast, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<Long>> futures = new ArrayList<>();
        for (Workload w : work) {
            futures.add(pool.submit(() -> w.run(fast, deadline)));
        }
        long total = 0;
        for (Future<Long> f : futures) {
            total += f.get();
        }
        return total;
    }

    /** Prints the table: trial-steps/s of each kernel and the ratios fast/dense and fast/numpy. */
    public static void printTable(Settings s, List<Row> rows, Map<Double, Double> numpy, PrintStream out) {
        out.printf(Locale.ROOT, "# one parallel step, n=%d, N=%d, S=%d states per pattern set, %d threads; trial-steps/s%n",
                s.n(), s.N(), s.statesPerPatternSet(), s.threads());
        out.printf(Locale.ROOT, "%-6s %7s %12s %12s %12s %10s %10s%n",
                "alpha", "p", "fast", "dense", "numpy", "fast/dense", "fast/numpy");
        for (Row r : rows) {
            Double np = numpy.get(r.alpha());
            out.printf(Locale.ROOT, "%-6.3f %7d %12.1f %12.1f %12s %10.1f %10s%n", r.alpha(), r.p(), r.fast(), r.dense(),
                    np == null ? "-" : String.format(Locale.ROOT, "%.1f", np), r.fast() / r.dense(),
                    np == null ? "-" : String.format(Locale.ROOT, "%.1f", r.fast() / np));
        }
    }

    /** One pattern set with its S states, and one instance of each kernel (kernels are single-threaded). */
    private static final class Workload {
        private final int S;
        private final int words;
        private final ParallelStep fastKernel;
        private final DenseIntStep denseKernel;
        private long[] states;
        private long[] next;

        Workload(Settings s, double alpha, int p, int set, FieldCoefficients coefficients) {
            PatternMatrix xi = PatternMatrix.random(p, s.N(), Seeds.patternSet(s.seed(), s.n(), s.N(), alpha, set));
            this.S = s.statesPerPatternSet();
            this.words = xi.words();
            this.fastKernel = new ParallelStep(xi, coefficients);
            this.denseKernel = new DenseIntStep(xi, coefficients);
            this.states = new long[S * words];
            this.next = new long[S * words];
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(set);
            for (int k = 0; k < S; k++) {
                InitialState.draw(xi, s.m0(), Initialisation.EXACT, rng, states, k * words);
            }
        }

        /** Steps the S states until the deadline; returns the number of trial-steps computed. */
        long run(boolean fast, long deadline) {
            long done = 0;
            while (System.nanoTime() < deadline) {
                if (fast) {
                    fastKernel.step(states, S, next);
                    done += S;
                } else {
                    for (int k = 0; k < S && System.nanoTime() < deadline; k++) {
                        denseKernel.step(states, k * words, next, k * words);
                        done++;
                    }
                    if (done % S != 0) {
                        break;
                    }
                }
                long[] t = states;
                states = next;
                next = t;
            }
            return done;
        }
    }
}
