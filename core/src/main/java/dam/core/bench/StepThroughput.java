package dam.core.bench;

import dam.core.model.Initialisation;
import dam.core.model.Model;
import dam.core.sim.DenseIntStep;
import dam.core.sim.FieldCoefficients;
import dam.core.sim.InitialState;
import dam.core.sim.LookupTableStep;
import dam.core.sim.ParallelStep;
import dam.core.sim.PatternMatrix;
import dam.core.sim.Seeds;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Throughput of one parallel step in trial-steps per second (one trial-step = one state advanced one step) at
 * n = 3, N = 512, alpha in {0.1, 0.2, 0.4}, for the fast {@link ParallelStep}, the byte-sliced
 * {@link LookupTableStep} and the straightforward {@link DenseIntStep}.
 *
 * <p>Every measured step is computed: the benchmark drives the kernels directly, without the early stop at fixed
 * points that {@code TrialRunner} applies, so the numbers are the honest cost per step. All kernels run on the
 * same thread pool (default: one thread per processor), one pattern set of S states per thread. Two rates are
 * reported: wall clock (what the machine delivered, sensitive to other load) and per CPU-second of the worker
 * threads times the thread count (what the threads would deliver with the cores to themselves).
 *
 * <p>Entry points: {@link #main} (command line) and {@link #run(String[], PrintStream)} (for {@code bin/dam bench}).
 */
public final class StepThroughput {

    /** The kernels compared. */
    public enum Kernel { FAST, TABLE, DENSE }

    /** Benchmark settings; {@link #defaults()} gives the task's configuration. */
    public record Settings(int n, int N, double[] alphas, int statesPerPatternSet, int threads,
                           double warmupSeconds, double measureSeconds, double m0, long seed) {
        /** n=3, N=512, alpha 0.1/0.2/0.4, S=10, one thread per processor, 2 s warm-up, 5 s measured, m0=0.5. */
        public static Settings defaults() {
            return new Settings(3, 512, new double[] {0.1, 0.2, 0.4}, 10,
                    Runtime.getRuntime().availableProcessors(), 2, 5, 0.5, 1);
        }
    }

    /** A measured rate: trial-steps per wall-clock second and per CPU-second times threads. */
    public record Rate(double wall, double cpu) {
    }

    /** One row of the result table. */
    public record Row(double alpha, int p, Map<Kernel, Rate> rates) {
    }

    private StepThroughput() {
    }

    /** Runs the benchmark from command-line options and prints the table to stdout (progress to stderr). */
    public static void main(String[] args) throws Exception {
        run(args, System.out);
    }

    /**
     * Options: --alphas 0.1,0.2,0.4 --S 10 --threads k --seconds 5 --warmup 2 --neurons 512 --n 3
     * --kernels fast,table,dense --numpy FILE --numpy1 FILE (outputs of bench/numpy_step.py with default and with
     * single-threaded BLAS, see {@link #readNumpy}); prints the table to out.
     */
    public static void run(String[] args, PrintStream out) throws Exception {
        Settings d = Settings.defaults();
        double[] alphas = d.alphas();
        int S = d.statesPerPatternSet();
        int threads = d.threads();
        double seconds = d.measureSeconds();
        double warmup = d.warmupSeconds();
        int N = d.N();
        int n = d.n();
        List<Kernel> kernels = List.of(Kernel.values());
        Path numpy = null;
        Path numpySingle = null;
        for (int k = 0; k < args.length; k += 2) {
            String key = args[k];
            if (k + 1 >= args.length) {
                throw new IllegalArgumentException(key + ": missing value");
            }
            String v = args[k + 1];
            switch (key) {
                case "--alphas" -> alphas = parseList(v);
                case "--S" -> S = positive(key, Integer.parseInt(v));
                case "--threads" -> threads = positive(key, Integer.parseInt(v));
                case "--seconds" -> seconds = Double.parseDouble(v);
                case "--warmup" -> warmup = Double.parseDouble(v);
                case "--neurons" -> N = Integer.parseInt(v);
                case "--N" -> throw new IllegalArgumentException("--N: renamed to --neurons");
                case "--n" -> n = Integer.parseInt(v);
                case "--kernels" -> {
                    List<Kernel> list = new ArrayList<>();
                    for (String name : v.split(",")) {
                        list.add(Kernel.valueOf(name.trim().toUpperCase(Locale.ROOT)));
                    }
                    kernels = list;
                }
                case "--numpy" -> numpy = Path.of(v);
                case "--numpy1" -> numpySingle = Path.of(v);
                default -> throw new IllegalArgumentException(key + ": unknown option (see StepThroughput javadoc)");
            }
        }
        Settings s = new Settings(n, N, alphas, S, threads, warmup, seconds, d.m0(), d.seed());
        List<Row> rows = measure(s, kernels, System.err);
        printTable(s, rows, kernels, readNumpy(numpy, numpySingle, threads), out);
    }

    private static int positive(String key, int v) {
        if (v < 1) {
            throw new IllegalArgumentException(key + ": must be >= 1, got " + v);
        }
        return v;
    }

    private static double[] parseList(String v) {
        String[] parts = v.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            out[i] = Double.parseDouble(parts[i].trim());
        }
        return out;
    }

    /**
     * NumPy rates from bench/numpy_step.py outputs: wall clock from the run with default BLAS threads (file
     * {@code defaults}: "alpha rate" lines), per CPU-second from a single-threaded run (file {@code single}:
     * "# cpu alpha rate" lines) times the thread count, i.e. independent single-threaded NumPy processes, its
     * most efficient use of the cores. Either file may be null.
     */
    public static Map<Double, Rate> readNumpy(Path defaults, Path single, int threads) throws IOException {
        Map<Double, Double> wall = new HashMap<>();
        Map<Double, Double> cpu = new HashMap<>();
        if (defaults != null) {
            for (String line : Files.readAllLines(defaults)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 2 && !f[0].startsWith("#")) {
                    wall.put(Double.parseDouble(f[0]), Double.parseDouble(f[1]));
                }
            }
        }
        if (single != null) {
            for (String line : Files.readAllLines(single)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 4 && f[0].equals("#") && f[1].equals("cpu")) {
                    cpu.put(Double.parseDouble(f[2]), Double.parseDouble(f[3]) * threads);
                }
            }
        }
        Map<Double, Rate> out = new HashMap<>();
        for (Double alpha : wall.keySet()) {
            out.put(alpha, new Rate(wall.get(alpha), cpu.getOrDefault(alpha, Double.NaN)));
        }
        for (Double alpha : cpu.keySet()) {
            out.putIfAbsent(alpha, new Rate(Double.NaN, cpu.get(alpha)));
        }
        return out;
    }

    /** Measures every alpha and kernel of the settings; progress goes to log. */
    public static List<Row> measure(Settings s, List<Kernel> kernels, PrintStream log) throws Exception {
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
                Map<Kernel, Rate> rates = new EnumMap<>(Kernel.class);
                for (Kernel k : kernels) {
                    runFor(pool, work, k, s.warmupSeconds());
                    long t0 = System.nanoTime();
                    long[] stepsAndCpu = runFor(pool, work, k, s.measureSeconds());
                    double wall = stepsAndCpu[0] / ((System.nanoTime() - t0) * 1e-9);
                    double cpu = stepsAndCpu[0] / (stepsAndCpu[1] * 1e-9) * s.threads();
                    rates.put(k, new Rate(wall, cpu));
                    log.printf(Locale.ROOT, "alpha=%.3f p=%d %s: %.1f trial-steps/s wall, %.1f per cpu-second x %d threads%n",
                            alpha, p, k.name().toLowerCase(Locale.ROOT), wall, cpu, s.threads());
                }
                rows.add(new Row(alpha, p, rates));
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    /** Runs every workload on the pool until the deadline; returns {trial-steps, CPU nanoseconds} summed. */
    private static long[] runFor(ExecutorService pool, List<Workload> work, Kernel kernel, double seconds) throws Exception {
        long deadline = System.nanoTime() + (long) (seconds * 1e9);
        List<Future<long[]>> futures = new ArrayList<>();
        for (Workload w : work) {
            futures.add(pool.submit(() -> w.run(kernel, deadline)));
        }
        long[] total = new long[2];
        for (Future<long[]> f : futures) {
            long[] r = f.get();
            total[0] += r[0];
            total[1] += r[1];
        }
        return total;
    }

    /** Prints the tables: trial-steps/s per kernel (wall clock, then per CPU-second) and the speed-up ratios. */
    public static void printTable(Settings s, List<Row> rows, List<Kernel> kernels, Map<Double, Rate> numpy, PrintStream out) {
        out.printf(Locale.ROOT, "# one parallel step, n=%d, N=%d, S=%d states per pattern set, %d threads, every step computed%n",
                s.n(), s.N(), s.statesPerPatternSet(), s.threads());
        for (boolean wall : new boolean[] {true, false}) {
            out.println(wall ? "# trial-steps per second, wall clock (numpy: one process, default BLAS threads)"
                    : "# trial-steps per CPU-second of the worker threads, times the thread count"
                    + " (numpy: single-threaded BLAS, times the thread count)");
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-6s %7s", "alpha", "p"));
            for (Kernel k : kernels) {
                head.append(String.format(Locale.ROOT, " %10s", k.name().toLowerCase(Locale.ROOT)));
            }
            head.append(String.format(Locale.ROOT, " %10s %10s %10s", "numpy", "fast/dense", "fast/numpy"));
            out.println(head);
            for (Row r : rows) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-6.3f %7d", r.alpha(), r.p()));
                for (Kernel k : kernels) {
                    line.append(String.format(Locale.ROOT, " %10.1f", pick(r.rates().get(k), wall)));
                }
                double fast = pick(r.rates().get(Kernel.FAST), wall);
                double dense = pick(r.rates().get(Kernel.DENSE), wall);
                double np = pick(numpy.get(r.alpha()), wall);
                line.append(String.format(Locale.ROOT, " %10s %10s %10s", fmt(np), fmt(fast / dense), fmt(fast / np)));
                out.println(line);
            }
        }
    }

    private static double pick(Rate r, boolean wall) {
        return r == null ? Double.NaN : wall ? r.wall() : r.cpu();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    /** One pattern set with its S states and one instance of each kernel (kernels are single-threaded). */
    private static final class Workload {
        private final int S;
        private final int words;
        private final PatternMatrix xi;
        private final FieldCoefficients coefficients;
        private ParallelStep fast;
        private LookupTableStep table;
        private DenseIntStep dense;
        private long[] states;
        private long[] next;

        Workload(Settings s, double alpha, int p, int set, FieldCoefficients coefficients) {
            this.xi = PatternMatrix.random(p, s.N(), Seeds.patternSet(s.seed(), s.n(), s.N(), alpha, set));
            this.coefficients = coefficients;
            this.S = s.statesPerPatternSet();
            this.words = xi.words();
            this.states = new long[S * words];
            this.next = new long[S * words];
            UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(set);
            for (int k = 0; k < S; k++) {
                InitialState.draw(xi, s.m0(), Initialisation.EXACT, rng, states, k * words);
            }
        }

        /** Steps the S states until the deadline (whole batches); returns {trial-steps, CPU nanoseconds}. */
        long[] run(Kernel kernel, long deadline) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long done = 0;
            while (System.nanoTime() < deadline) {
                switch (kernel) {
                    case FAST -> {
                        if (fast == null) {
                            fast = new ParallelStep(xi, coefficients);
                        }
                        fast.step(states, S, next);
                    }
                    case TABLE -> {
                        if (table == null) {
                            table = new LookupTableStep(xi, coefficients);
                        }
                        table.step(states, S, next);
                    }
                    case DENSE -> {
                        if (dense == null) {
                            dense = new DenseIntStep(xi, coefficients);
                        }
                        for (int k = 0; k < S; k++) {
                            dense.step(states, k * words, next, k * words);
                        }
                    }
                }
                done += S;
                long[] t = states;
                states = next;
                next = t;
            }
            return new long[] {done, mx.getCurrentThreadCpuTime() - cpu0};
        }
    }
}
