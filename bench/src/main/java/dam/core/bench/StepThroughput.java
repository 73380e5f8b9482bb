package dam.core.bench;

import dam.core.bench.Options.Bound;
import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import dam.core.model.Model;
import dam.core.sim.DenseIntStep;
import dam.core.sim.FieldCoefficients;
import dam.core.sim.Glauber;
import dam.core.sim.InitialState;
import dam.core.sim.Lanes;
import dam.core.sim.LookupTableStep;
import dam.core.sim.ParallelStep;
import dam.core.sim.PatternMatrix;
import dam.core.rng.Seeds;
import dam.core.sim.SequentialSweep;
import dam.core.sim.TrialRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
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
 * Throughput of the simulation kernels in trial-steps per second at n = 3, N in {512, 1024}, alpha in
 * {0.1, 0.2, 0.4}: one trial-step is one state advanced one parallel step, or (kernel {@code sequential}) one
 * sweep of N single-neuron updates. Kernels: the fast {@link ParallelStep} on vector lanes and on scalar words
 * ({@link Lanes}), the byte-sliced {@link LookupTableStep}, the straightforward {@link DenseIntStep}, and
 * {@link SequentialSweep}. Each runs the models of {@code --model} (dense, pbody: the same pattern sets and initial
 * states) at the temperatures of {@code --temperature} (0: sign dynamics; above: Glauber draws from a stream per
 * state, for the fast kernels and the sequential sweep only); a comparison of the models and the cost of the
 * thermal draws (against temperature 0, when it is in the list) are printed after the tables.
 *
 * <p>Every parallel step is computed: the benchmark drives the kernels directly, without the early stop at fixed
 * points that {@code TrialRunner} applies, so the numbers are the honest cost per step. A sweep's cost depends on
 * how many neurons flip, so the sequential kernel runs whole trials as {@code TrialRunner} does: a fresh state at
 * m0, sweeps in fresh random orders until a sweep without a flip (which confirms the fixed point), then the next
 * trial. All kernels run on the same thread pool (default: one thread per processor), one pattern set of S states
 * per thread. Two rates are reported: wall clock (what the machine delivered, sensitive to other load) and per
 * CPU-second of the worker threads times the thread count (what the threads would deliver with the cores to
 * themselves). Each row ends with the 1-minute load average after it was measured.
 *
 * <p>Entry points: {@link #main} (command line) and {@link #run(String[], PrintStream)} (for {@code bin/dam bench}).
 */
public final class StepThroughput {

    /** The kernels compared; {@link #label()} is the name on the command line and in the table. */
    public enum Kernel {
        FAST_VECTOR("fast-vector", true), FAST_SCALAR("fast-scalar", true), TABLE("table", false),
        DENSE("dense", false), SEQUENTIAL("sequential", true);

        private final String label;
        private final boolean thermal;

        Kernel(String label, boolean thermal) {
            this.label = label;
            this.thermal = thermal;
        }

        /** True if the kernel runs Glauber dynamics (temperature &gt; 0); the baselines only run sign dynamics. */
        public boolean thermal() {
            return thermal;
        }

        /** The kernel's name in options and tables, e.g. fast-vector. */
        public String label() {
            return label;
        }

        /** The kernel of a label. @throws IllegalArgumentException naming --kernels for an unknown label */
        public static Kernel of(String label) {
            for (Kernel k : values()) {
                if (k.label.equals(label.trim())) {
                    return k;
                }
            }
            throw new IllegalArgumentException("--kernels: unknown kernel '" + label.trim()
                    + "' (fast-vector, fast-scalar, table, dense, sequential)");
        }
    }

    /** Benchmark settings; {@link #defaults()} gives the task's configuration. */
    public record Settings(int n, int[] Ns, double[] alphas, int statesPerPatternSet, int threads,
                           double warmupSeconds, double measureSeconds, double m0, long seed, List<MemoryModel> models,
                           double[] temperatures) {
        /**
         * n=3, N=512 and 1024, alpha 0.1/0.2/0.4, S=10, one thread per processor, 2 s warm-up, 5 s measured, m0=0.5,
         * the dense model at temperature 0.
         */
        public static Settings defaults() {
            return new Settings(3, new int[] {512, 1024}, new double[] {0.1, 0.2, 0.4}, 10,
                    Runtime.getRuntime().availableProcessors(), 2, 5, 0.5, 1, List.of(MemoryModel.DENSE), new double[] {0});
        }
    }

    /** A measured rate: trial-steps per wall-clock second and per CPU-second times threads. */
    public record Rate(double wall, double cpu) {
    }

    /** A grid point of the benchmark: N and alpha (NumPy's rates are keyed by it). */
    public record Point(int N, double alpha) {
    }

    /**
     * One row of the result table (a grid point, model and temperature), with the 1-minute load average after its
     * measurements and, where the sequential kernel ran, its mean flips per sweep and sweeps per trial (else NaN).
     */
    public record Row(Point point, int p, MemoryModel model, double temperature, Map<Kernel, Rate> rates, double load,
                      double flipsPerSweep, double sweepsPerTrial) {
    }

    private StepThroughput() {
    }

    /** Runs the benchmark from command-line options and prints the table to stdout (progress to stderr). */
    public static void main(String[] args) throws Exception {
        Options.exitOnBadOption("dam bench: ", () -> run(args, System.out));
    }

    /** The kernels measured when --kernels is not given: fast-vector (where available), fast-scalar, dense, sequential. */
    public static List<Kernel> defaultKernels() {
        List<Kernel> out = new ArrayList<>();
        if (Lanes.VECTOR.available()) {
            out.add(Kernel.FAST_VECTOR);
        }
        out.add(Kernel.FAST_SCALAR);
        out.add(Kernel.DENSE);
        out.add(Kernel.SEQUENTIAL);
        return out;
    }

    /**
     * Options: --neurons 512,1024 --alphas 0.1,0.2,0.4 --S 10 --threads k --seconds 5 --warmup 2 --n 3
     * --kernels fast-vector,fast-scalar,table,dense,sequential --model dense,pbody --temperature 0,0.5 --m0 0.5
     * (the initial overlap; at m0 = 1 a sequential trial at temperature 0 is one sweep of N fields without a flip,
     * the same work for both models) --numpy FILE
     * --numpy1 FILE (outputs of bench/numpy_step.py with default and with single-threaded BLAS, see
     * {@link #readNumpy}: the dense model's rule, shown in the dense rows at temperature 0); prints the table to
     * out.
     *
     * @throws IllegalArgumentException naming the option for bad input
     */
    public static void run(String[] args, PrintStream out) throws Exception {
        // --check: check the options and measure nothing (bench/run.sh, before its NumPy baseline runs)
        boolean check = Arrays.asList(args).contains("--check");
        args = Arrays.stream(args).filter(a -> !a.equals("--check")).toArray(String[]::new);
        Settings d = Settings.defaults();
        Options options = new Options(args, "see StepThroughput javadoc");
        options.refuse("--N", "renamed to --neurons");
        double[] alphas = options.reals("--alphas", d.alphas(), Bound.POSITIVE);
        int[] Ns = options.integers("--neurons", d.Ns(), 2, Options.UNBOUNDED);
        int S = options.integer("--S", d.statesPerPatternSet(), 1, Options.UNBOUNDED);
        int threads = options.integer("--threads", d.threads(), 1, Options.UNBOUNDED);
        double seconds = options.real("--seconds", d.measureSeconds(), Bound.POSITIVE);
        double warmup = options.real("--warmup", d.warmupSeconds(), Bound.POSITIVE);
        int n = options.integer("--n", d.n(), 2, Options.UNBOUNDED);
        List<Kernel> kernels = options.list("--kernels", defaultKernels(), Kernel::of);
        List<MemoryModel> models = options.list("--model", d.models(), name -> {
            try {
                return MemoryModel.parse(name);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--model: " + e.getMessage());
            }
        });
        double[] temperatures = options.reals("--temperature", d.temperatures(), Bound.NON_NEGATIVE);
        double m0 = options.real("--m0", d.m0(), new Bound(x -> x > 0 && x <= 1, "lie in (0, 1]"));
        Path numpy = options.path("--numpy");
        Path numpySingle = options.path("--numpy1");
        options.finish();
        if (kernels.contains(Kernel.FAST_VECTOR) && !Lanes.VECTOR.available()) {
            throw new IllegalArgumentException("--kernels: fast-vector needs the JVM option --add-modules jdk.incubator.vector");
        }
        Settings s = new Settings(n, Ns, alphas, S, threads, warmup, seconds, m0, d.seed(), models, temperatures);
        if (check) {
            return;
        }
        out.printf(Locale.ROOT, "# lanes: this JVM's default is %s (%s); -D%s=scalar forces scalar words%n",
                Lanes.best().name().toLowerCase(Locale.ROOT), Lanes.best().describe(), Lanes.PROPERTY);
        out.flush();
        List<Row> rows = measure(s, kernels, System.err);
        printTable(s, rows, kernels, readNumpy(numpy, numpySingle, threads), out);
    }

    /**
     * NumPy rates from bench/numpy_step.py outputs: wall clock from the run with default BLAS threads (file
     * {@code defaults}: "N alpha rate" lines), per CPU-second from a single-threaded run (file {@code single}:
     * "# cpu N alpha rate" lines) times the thread count, i.e. independent single-threaded NumPy processes, its
     * most efficient use of the cores. Either file may be null.
     */
    public static Map<Point, Rate> readNumpy(Path defaults, Path single, int threads) throws IOException {
        Map<Point, Double> wall = new HashMap<>();
        Map<Point, Double> cpu = new HashMap<>();
        if (defaults != null) {
            for (String line : Files.readAllLines(defaults)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 3 && !f[0].startsWith("#")) {
                    wall.put(new Point(Integer.parseInt(f[0]), Double.parseDouble(f[1])), Double.parseDouble(f[2]));
                }
            }
        }
        if (single != null) {
            for (String line : Files.readAllLines(single)) {
                String[] f = line.trim().split("\\s+");
                if (f.length == 5 && f[0].equals("#") && f[1].equals("cpu")) {
                    cpu.put(new Point(Integer.parseInt(f[2]), Double.parseDouble(f[3])), Double.parseDouble(f[4]) * threads);
                }
            }
        }
        Map<Point, Rate> out = new HashMap<>();
        for (Point at : wall.keySet()) {
            out.put(at, new Rate(wall.get(at), cpu.getOrDefault(at, Double.NaN)));
        }
        for (Point at : cpu.keySet()) {
            out.putIfAbsent(at, new Rate(Double.NaN, cpu.get(at)));
        }
        return out;
    }

    /**
     * Measures every N, alpha, model, temperature and kernel of the settings (the models and temperatures of a grid
     * point on the same pattern sets and initial states); progress goes to log.
     */
    public static List<Row> measure(Settings s, List<Kernel> kernels, PrintStream log) throws Exception {
        List<Row> rows = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(s.threads());
        try {
            for (int N : s.Ns()) {
                for (double alpha : s.alphas()) {
                    int p = Model.patternCount(s.n(), N, alpha);
                    List<PatternMatrix> sets = new ArrayList<>();
                    for (int set = 0; set < s.threads(); set++) {
                        sets.add(PatternMatrix.random(p, N, Seeds.patternSet(s.seed(), s.n(), N, alpha, set)));
                    }
                    for (MemoryModel model : s.models()) {
                        FieldCoefficients coefficients = new FieldCoefficients(model, s.n(), N);
                        for (double temperature : s.temperatures()) {
                            Glauber glauber = temperature > 0 ? Glauber.of(model, s.n(), N, temperature) : null;
                            List<Workload> work = new ArrayList<>();
                            for (int set = 0; set < s.threads(); set++) {
                                work.add(new Workload(s, sets.get(set), set, coefficients, glauber));
                            }
                            rows.add(measurePoint(s, kernels, pool, work, p, model, temperature, alpha, N, log));
                        }
                    }
                    sets.clear(); // large pattern sets: let the next point's be collected
                }
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    /** The row of one grid point, model and temperature: every kernel that runs at that temperature. */
    private static Row measurePoint(Settings s, List<Kernel> kernels, ExecutorService pool, List<Workload> work, int p,
                                    MemoryModel model, double temperature, double alpha, int N, PrintStream log)
            throws Exception {
        Map<Kernel, Rate> rates = new EnumMap<>(Kernel.class);
        double[] sequentialStats = {Double.NaN, Double.NaN};
        for (Kernel k : kernels) {
            if (temperature > 0 && !k.thermal()) {
                continue;
            }
            runFor(pool, work, k, s.warmupSeconds());
            long t0 = System.nanoTime();
            long[] stepsAndCpu = runFor(pool, work, k, s.measureSeconds());
            double wall = stepsAndCpu[0] / ((System.nanoTime() - t0) * 1e-9);
            double cpu = stepsAndCpu[0] / (stepsAndCpu[1] * 1e-9) * s.threads();
            rates.put(k, new Rate(wall, cpu));
            String extra = "";
            if (k == Kernel.SEQUENTIAL) {
                sequentialStats = sequentialStats(work);
                extra = String.format(Locale.ROOT, " (%.1f flips per sweep, %.2f sweeps per trial)",
                        sequentialStats[0], sequentialStats[1]);
            }
            log.printf(Locale.ROOT, "N=%d alpha=%.3f p=%d %s T=%s %s: %.1f trial-steps/s wall, %.1f per cpu-second"
                            + " x %d threads%s (load %.2f)%n", N, alpha, p, model.key(), temperatureLabel(temperature),
                    k.label(), wall, cpu, s.threads(), extra, loadAverage());
        }
        return new Row(new Point(N, alpha), p, model, temperature, rates, loadAverage(), sequentialStats[0],
                sequentialStats[1]);
    }

    /** The temperature as written: 0, 0.5, 1e-05. */
    private static String temperatureLabel(double temperature) {
        return java.math.BigDecimal.valueOf(temperature).stripTrailingZeros().toString();
    }

    /** {mean flips per sweep, sweeps per finished trial} of the sequential kernel in its last measured run. */
    private static double[] sequentialStats(List<Workload> work) {
        long sweeps = 0, flips = 0, trials = 0, trialSweeps = 0;
        for (Workload w : work) {
            sweeps += w.sweeps;
            flips += w.flips;
            trials += w.trials;
            trialSweeps += w.trialSweeps;
        }
        return new double[] {(double) flips / Math.max(1, sweeps), (double) trialSweeps / Math.max(1, trials)};
    }

    /** The 1-minute load average of the machine, or NaN where the OS does not report it. */
    public static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
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

    /**
     * Prints the tables, wall clock then per CPU-second: a row per grid point, model and temperature with
     * trial-steps/s per kernel and NumPy (the dense rule: dense rows at temperature 0), then the ratios vector/scalar,
     * fast/dense, fast/numpy and scalar/numpy ("fast" is fast-vector where measured, else fast-scalar) and sweep/step
     * (one sequential sweep in fast parallel steps per state), then the load average. Then, where measured: the
     * sequential sweep against the fast step; the p-body model against the dense model (rate ratio per kernel at
     * the same grid point and temperature); the cost of the thermal draws (a step's CPU time at temperature T over
     * its time at temperature 0, minus 1).
     */
    public static void printTable(Settings s, List<Row> rows, List<Kernel> kernels, Map<Point, Rate> numpy, PrintStream out) {
        out.printf(Locale.ROOT, "# n=%d, S=%d states per pattern set, %d threads; parallel: one step, every step computed;"
                + " sequential: one sweep, whole trials from m0=%.2f%n", s.n(), s.statesPerPatternSet(), s.threads(), s.m0());
        for (boolean wall : new boolean[] {true, false}) {
            out.println(wall ? "# trial-steps per second, wall clock (numpy: one process, default BLAS threads)"
                    : "# trial-steps per CPU-second of the worker threads, times the thread count"
                    + " (numpy: single-threaded BLAS, times the thread count)");
            StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-5s %-6s %7s %-6s %6s", "N", "alpha", "p",
                    "model", "temp"));
            for (Kernel k : kernels) {
                head.append(String.format(Locale.ROOT, " %11s", k.label()));
            }
            head.append(String.format(Locale.ROOT, " %9s %9s %9s %9s %10s %10s %5s", "numpy", "vec/scal", "fast/dense",
                    "fast/numpy", "scal/numpy", "sweep/step", "load"));
            out.println(head);
            for (Row r : rows) {
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-5d %-6.3f %7d %-6s %6s", r.point().N(),
                        r.point().alpha(), r.p(), r.model().key(), temperatureLabel(r.temperature())));
                for (Kernel k : kernels) {
                    line.append(String.format(Locale.ROOT, " %11s", fmt(pick(r.rates().get(k), wall))));
                }
                double vector = pick(r.rates().get(Kernel.FAST_VECTOR), wall);
                double scalar = pick(r.rates().get(Kernel.FAST_SCALAR), wall);
                double fast = Double.isNaN(vector) ? scalar : vector;
                double dense = pick(r.rates().get(Kernel.DENSE), wall);
                double sequential = pick(r.rates().get(Kernel.SEQUENTIAL), wall);
                boolean numpyRule = r.model() == MemoryModel.DENSE && r.temperature() == 0;
                double np = numpyRule ? pick(numpy.get(r.point()), wall) : Double.NaN;
                line.append(String.format(Locale.ROOT, " %9s %9s %10s %10s %10s %10s %5.2f", fmt(np), fmt(vector / scalar),
                        fmt(fast / dense), fmt(fast / np), fmt(scalar / np), fmt(fast / sequential), r.load()));
                out.println(line);
            }
        }
        if (kernels.contains(Kernel.SEQUENTIAL)) {
            out.println("# sequential sweep against the fast parallel step, milliseconds per state on one thread (CPU time)");
            out.printf(Locale.ROOT, "%-5s %-6s %7s %-6s %6s %10s %10s %10s %12s %14s%n", "N", "alpha", "p", "model",
                    "temp", "sweep", "step", "sweep/step", "flips/sweep", "sweeps/trial");
            for (Row r : rows) {
                double sweep = s.threads() * 1e3 / pick(r.rates().get(Kernel.SEQUENTIAL), false);
                double vector = pick(r.rates().get(Kernel.FAST_VECTOR), false);
                double step = s.threads() * 1e3 / (Double.isNaN(vector) ? pick(r.rates().get(Kernel.FAST_SCALAR), false) : vector);
                out.printf(Locale.ROOT, "%-5d %-6.3f %7d %-6s %6s %10.3f %10s %10s %12.1f %14.2f%n", r.point().N(),
                        r.point().alpha(), r.p(), r.model().key(), temperatureLabel(r.temperature()), sweep, fmt3(step),
                        fmt(sweep / step), r.flipsPerSweep(), r.sweepsPerTrial());
            }
        }
        if (s.models().contains(MemoryModel.DENSE) && s.models().contains(MemoryModel.PBODY)) {
            out.println("# p-body against dense at the same (n, N, p), pattern sets and initial states: rate of the p-body"
                    + " kernel / rate of the dense kernel, per CPU-second (1.00: as fast; 0.90: 10% slower)");
            compare(rows, kernels, out, r -> r.model() == MemoryModel.PBODY,
                    r -> find(rows, r.point(), MemoryModel.DENSE, r.temperature()), false, "model", "temp");
        }
        boolean cold = false;
        boolean warm = false;
        for (double t : s.temperatures()) {
            cold |= t == 0;
            warm |= t > 0;
        }
        if (cold && warm) {
            out.println("# thermal draws: CPU time of a step (sweep) at temperature T over the same kernel at temperature 0,"
                    + " minus 1 (0.05: the draws add 5% to a step)");
            compare(rows, kernels, out, r -> r.temperature() > 0, r -> find(rows, r.point(), r.model(), 0), true,
                    "model", "temp");
        }
    }

    /**
     * One line per row selected by which: per kernel, the rate ratio of the row to its reference (per CPU-second),
     * or, with cost, reference rate / row rate - 1.
     */
    private static void compare(List<Row> rows, List<Kernel> kernels, PrintStream out, java.util.function.Predicate<Row> which,
                                java.util.function.Function<Row, Row> reference, boolean cost, String... columns) {
        StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-5s %-6s %7s %-6s %6s", "N", "alpha", "p",
                columns[0], columns[1]));
        for (Kernel k : kernels) {
            head.append(String.format(Locale.ROOT, " %11s", k.label()));
        }
        head.append(String.format(Locale.ROOT, " %5s", "load"));
        out.println(head);
        for (Row r : rows) {
            Row ref = which.test(r) ? reference.apply(r) : null;
            if (ref == null) {
                continue;
            }
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-5d %-6.3f %7d %-6s %6s", r.point().N(),
                    r.point().alpha(), r.p(), r.model().key(), temperatureLabel(r.temperature())));
            for (Kernel k : kernels) {
                double mine = pick(r.rates().get(k), false);
                double theirs = pick(ref.rates().get(k), false);
                double v = cost ? theirs / mine - 1 : mine / theirs;
                line.append(String.format(Locale.ROOT, " %11s", Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v)));
            }
            line.append(String.format(Locale.ROOT, " %5.2f", r.load()));
            out.println(line);
        }
    }

    /** The row of the grid point, model and temperature, or null. */
    private static Row find(List<Row> rows, Point point, MemoryModel model, double temperature) {
        for (Row r : rows) {
            if (r.point().equals(point) && r.model() == model && r.temperature() == temperature) {
                return r;
            }
        }
        return null;
    }

    private static String fmt3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static double pick(Rate r, boolean wall) {
        return r == null ? Double.NaN : wall ? r.wall() : r.cpu();
    }

    private static String fmt(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.1f", v);
    }

    /**
     * One pattern set with its S states and one instance of each kernel (kernels are single-threaded); at temperature
     * &gt; 0 the fast kernels and the sweep draw from a thermal stream per state.
     */
    private static final class Workload {
        private final int S;
        private final int N;
        private final int words;
        private final double m0;
        private final PatternMatrix xi;
        private final FieldCoefficients coefficients;
        private final Glauber glauber;
        private final UniformRandomProvider[] thermal;
        private final UniformRandomProvider rng;
        private ParallelStep vector;
        private ParallelStep scalar;
        private LookupTableStep table;
        private DenseIntStep dense;
        private SequentialSweep sequential;
        private long[] states;
        private long[] next;
        private long[] sigma;
        private int[] order;
        private boolean fresh = true; // the sequential state is at a fixed point: draw the next trial's
        private int sweepsThisTrial;
        long sweeps;
        long flips;
        long trials;
        long trialSweeps;

        Workload(Settings s, PatternMatrix xi, int set, FieldCoefficients coefficients, Glauber glauber) {
            this.xi = xi;
            this.coefficients = coefficients;
            this.glauber = glauber;
            this.S = s.statesPerPatternSet();
            this.N = xi.N();
            this.thermal = new UniformRandomProvider[S];
            for (int k = 0; k < S; k++) {
                thermal[k] = RandomSource.XO_RO_SHI_RO_128_PP.create(1000L * set + k + 1);
            }
            this.m0 = s.m0();
            this.words = xi.words();
            this.states = new long[S * words];
            this.next = new long[S * words];
            this.rng = RandomSource.XO_RO_SHI_RO_128_PP.create(set);
            for (int k = 0; k < S; k++) {
                InitialState.draw(xi, m0, Initialisation.EXACT, rng, states, k * words);
            }
        }

        /** Advances the kernel until the deadline (whole batches or sweeps); returns {trial-steps, CPU nanoseconds}. */
        long[] run(Kernel kernel, long deadline) {
            ThreadMXBean mx = ManagementFactory.getThreadMXBean();
            long cpu0 = mx.getCurrentThreadCpuTime();
            long done = 0;
            sweeps = flips = trials = trialSweeps = 0;
            while (System.nanoTime() < deadline) {
                switch (kernel) {
                    case FAST_VECTOR -> {
                        if (vector == null) {
                            vector = new ParallelStep(xi, coefficients, Lanes.VECTOR);
                        }
                        if (glauber == null) {
                            vector.step(states, S, next);
                        } else {
                            vector.step(states, S, next, glauber, thermal);
                        }
                    }
                    case FAST_SCALAR -> {
                        if (scalar == null) {
                            scalar = new ParallelStep(xi, coefficients, Lanes.SCALAR);
                        }
                        if (glauber == null) {
                            scalar.step(states, S, next);
                        } else {
                            scalar.step(states, S, next, glauber, thermal);
                        }
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
                    case SEQUENTIAL -> {
                        done += sweep();
                        continue;
                    }
                }
                done += S;
                long[] t = states;
                states = next;
                next = t;
            }
            return new long[] {done, mx.getCurrentThreadCpuTime() - cpu0};
        }

        /** One sweep of the current sequential trial (a fresh trial after a sweep without flips); returns 1. */
        private int sweep() {
            if (sequential == null) {
                sequential = new SequentialSweep(xi, coefficients);
                sigma = new long[words];
                order = new int[N];
            }
            if (fresh) {
                InitialState.draw(xi, m0, Initialisation.EXACT, rng, sigma, 0);
                fresh = false;
                sweepsThisTrial = 0;
            }
            TrialRunner.randomPermutation(order, rng);
            int f = glauber == null ? sequential.sweep(sigma, order) : sequential.sweep(sigma, order, glauber, thermal[0]);
            sweeps++;
            flips += f;
            sweepsThisTrial++;
            if (f == 0 || sweepsThisTrial >= 100) {
                fresh = true;
                trials++;
                trialSweeps += sweepsThisTrial;
            }
            return 1;
        }
    }
}
