package dam.core.bench;

import dam.core.analysis.ClusterMean;
import dam.core.analysis.ClusteredProportion;
import dam.core.analysis.SetCounts;
import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import dam.core.sim.SimulationSettings;
import dam.core.sim.TrialResult;
import dam.core.sim.TrialRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Information per CPU-second against S, the number of initial states per pattern set: which S buys the most
 * independent samples for the CPU time spent?
 *
 * <p>Trials on one pattern set are correlated, so n trials on K = n / S sets carry n_eff = n / deff independent
 * samples' worth of information, deff = 1 + (S - 1) rho with rho the intra-set correlation. A larger S shares the
 * cost of a pattern set (drawing p N random bits, setting up the kernel) over more trials, but adds less information
 * per trial. For each S the benchmark runs the configured number of trials of one grid point with {@link TrialRunner}
 * (early stop and one-trajectory-per-set rule included, as in a sweep) on one thread, measures that thread's CPU time
 * (ThreadMXBean: other processes on the machine do not enter it), and reports n_eff per CPU-second for the success
 * fraction and for the mean m(T), with deff measured from the sets ({@link ClusteredProportion}, {@link ClusterMean}).
 * Because each S's own deff rests on only n / S sets, the table also gives deff from rho pooled over all S (the
 * one-way ANOVA estimator per S, averaged with weights K - 1), which is the steadier basis for the comparison.
 *
 * <p>Options: --n 3 --neurons 256 --alpha 0.1 --m0 0.7,1.0 --S 1,2,5,10,20 --trials 2000 --steps 20 --seed 1
 * (--neurons is the network size N; the old --N is refused).
 */
public final class StatesPerSetBenchmark {

    /** One measured cell (m0, S). */
    public record Cell(double m0, int S, int sets, int trials, double cpuSeconds, double deffSuccess, double deffM,
                       double rhoSuccess, double rhoM, double successFraction) {
    }

    private StatesPerSetBenchmark() {
    }

    /** Runs the benchmark with the options and prints the table to stdout (progress to stderr); bad options: exit 2. */
    public static void main(String[] args) {
        try {
            run(args, System.out, System.err);
        } catch (IllegalArgumentException e) {
            System.err.println("bench --states: " + e.getMessage());
            System.exit(2);
        }
    }

    /** Parses options (see the class comment), measures, prints the table to out. */
    public static void run(String[] args, PrintStream out, PrintStream err) {
        int n = 3;
        int N = 256;
        double alpha = 0.1;
        double[] m0s = {0.7, 1.0};
        int[] ss = {1, 2, 5, 10, 20};
        int trials = 2000;
        int steps = 20;
        long seed = 1;
        for (int k = 0; k < args.length; k += 2) {
            if (k + 1 >= args.length) {
                throw new IllegalArgumentException(args[k] + ": missing value");
            }
            String v = args[k + 1];
            switch (args[k]) {
                case "--n" -> n = Integer.parseInt(v);
                case "--neurons" -> N = Integer.parseInt(v);
                case "--N" -> throw new IllegalArgumentException("--N: renamed to --neurons");
                case "--alpha" -> alpha = Double.parseDouble(v);
                case "--m0" -> m0s = Arrays.stream(v.split(",")).mapToDouble(Double::parseDouble).toArray();
                case "--S" -> ss = Arrays.stream(v.split(",")).mapToInt(Integer::parseInt).toArray();
                case "--trials" -> trials = Integer.parseInt(v);
                case "--steps" -> steps = Integer.parseInt(v);
                case "--seed" -> seed = Long.parseLong(v);
                default -> throw new IllegalArgumentException(args[k] + ": unknown option (see StatesPerSetBenchmark javadoc)");
            }
        }
        err.printf(Locale.ROOT, "# load before: %s%n", loadAverage());
        // Warm-up: the JIT compiles the kernel before anything is timed.
        new TrialRunner(n, N, alpha, UpdateOrder.PARALLEL, new SimulationSettings(m0s[0], steps, Initialisation.EXACT, 10), seed + 1)
                .run(0, Math.min(trials, 400));
        List<Cell> cells = new ArrayList<>();
        for (double m0 : m0s) {
            for (int S : ss) {
                Cell c = measure(n, N, alpha, m0, S, trials, steps, seed);
                err.printf(Locale.ROOT, "# m0 = %.2f S = %d: %d trials on %d sets in %.2f CPU-s%n", m0, S, c.trials(),
                        c.sets(), c.cpuSeconds());
                cells.add(c);
            }
        }
        print(n, N, alpha, steps, trials, cells, out);
        err.printf(Locale.ROOT, "# load after: %s%n", loadAverage());
    }

    /** Runs the trials of one cell on this thread and measures its CPU time and the design effects. */
    public static Cell measure(int n, int N, double alpha, double m0, int S, int trials, int steps, long seed) {
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        SimulationSettings settings = new SimulationSettings(m0, steps, Initialisation.EXACT, S);
        long cpu0 = bean.getCurrentThreadCpuTime();
        List<TrialResult> results = new TrialRunner(n, N, alpha, UpdateOrder.PARALLEL, settings, seed).run(0, trials);
        double cpu = (bean.getCurrentThreadCpuTime() - cpu0) / 1e9;
        int sets = (trials + S - 1) / S;
        int[] successes = new int[sets];
        int[] counts = new int[sets];
        double[] sumM = new double[sets];
        double[] sumM2 = new double[sets];
        for (TrialResult r : results) {
            int j = r.trial() / S;
            double m = r.finalOverlap();
            successes[j] += m >= 0.5 ? 1 : 0;
            counts[j]++;
            sumM[j] += m;
            sumM2[j] += m * m;
        }
        int total = results.size();
        SetCounts sc = new SetCounts(successes, counts);
        double deffSuccess = sets >= 2 ? ClusteredProportion.designEffect(sc) : Double.NaN;
        double[] sizes = Arrays.stream(counts).asDoubleStream().toArray();
        ClusterMean mean = ClusterMean.of(sumM, sizes);
        double var = (Arrays.stream(sumM2).sum() - total * mean.mean() * mean.mean()) / (total - 1);
        double deffM = total > 1 && var > 0 ? mean.standardError() * mean.standardError() / (var / total) : Double.NaN;
        double[] successSums = Arrays.stream(successes).asDoubleStream().toArray();
        return new Cell(m0, S, sets, total, cpu, deffSuccess, deffM, rho(successSums, successSums, counts),
                rho(sumM, sumM2, counts), (double) sc.totalSuccesses() / total);
    }

    /**
     * The one-way ANOVA estimate of the intra-set correlation from per-set sums and sums of squares (equal set
     * sizes m; a 0/1 outcome is its own square): (MSB - MSW) / (MSB + (m - 1) MSW); NaN with one state per set.
     */
    static double rho(double[] sums, double[] sumSquares, int[] counts) {
        int k = sums.length;
        int m = counts[0];
        if (m < 2 || k < 2 || Arrays.stream(counts).anyMatch(c -> c != m)) {
            return Double.NaN;
        }
        double grand = Arrays.stream(sums).sum() / (k * (double) m);
        double between = 0;
        double within = 0;
        for (int j = 0; j < k; j++) {
            double mean = sums[j] / m;
            between += m * (mean - grand) * (mean - grand);
            within += sumSquares[j] - m * mean * mean;
        }
        double msb = between / (k - 1);
        double msw = within / (k * (m - 1.0));
        return msb + (m - 1) * msw > 0 ? (msb - msw) / (msb + (m - 1) * msw) : Double.NaN;
    }

    private static void print(int n, int N, double alpha, int steps, int trials, List<Cell> cells, PrintStream out) {
        out.printf(Locale.ROOT, "# n = %d, N = %d, alpha = %g, T = %d, %d trials per cell, parallel dynamics, exact init, one thread%n",
                n, N, alpha, steps, trials);
        out.println("# n_eff per CPU-s = trials / (deff * CPU seconds); 'pooled' uses deff = 1 + (S - 1) rho with rho pooled over S;");
        out.println("# m0 = +-1: one trajectory per set is simulated, so trials = sets and deff = 1 by construction");
        out.println("| m0 | S | sets | trials run | CPU s | CPU ms per set | success | deff success | n_eff/CPU-s success (pooled) "
                + "| deff m(T) | n_eff/CPU-s m(T) (pooled) |");
        out.println("|---|---|---|---|---|---|---|---|---|---|---|");
        for (double m0 : cells.stream().mapToDouble(Cell::m0).distinct().toArray()) {
            List<Cell> row = cells.stream().filter(c -> c.m0() == m0).toList();
            double rhoS = pooled(row, true);
            double rhoM = pooled(row, false);
            for (Cell c : row) {
                int perSet = c.trials() / c.sets();
                double pooledS = perSet == 1 ? 1 : 1 + (c.S() - 1) * rhoS;
                double pooledM = perSet == 1 ? 1 : 1 + (c.S() - 1) * rhoM;
                out.printf(Locale.ROOT, "| %.2f | %d | %d | %d | %.2f | %.2f | %.3f | %s | %s (%s) | %s | %s (%s) |%n",
                        c.m0(), c.S(), c.sets(), c.trials(), c.cpuSeconds(), 1000 * c.cpuSeconds() / c.sets(),
                        c.successFraction(), fmt(c.deffSuccess()), fmt(c.trials() / c.deffSuccess() / c.cpuSeconds()),
                        fmt(c.trials() / pooledS / c.cpuSeconds()), fmt(c.deffM()),
                        fmt(c.trials() / c.deffM() / c.cpuSeconds()), fmt(c.trials() / pooledM / c.cpuSeconds()));
            }
            out.printf(Locale.ROOT, "# m0 = %.2f: pooled intra-set correlation rho = %s (success), %s (m(T))%n", m0,
                    fmt(rhoS), fmt(rhoM));
        }
    }

    /** rho averaged over the cells with S &gt; 1, weighted by their K - 1 degrees of freedom. */
    private static double pooled(List<Cell> row, boolean success) {
        double sum = 0;
        double weight = 0;
        for (Cell c : row) {
            double r = success ? c.rhoSuccess() : c.rhoM();
            if (Double.isFinite(r)) {
                sum += (c.sets() - 1) * r;
                weight += c.sets() - 1;
            }
        }
        return weight > 0 ? sum / weight : Double.NaN;
    }

    private static String fmt(double x) {
        return Double.isFinite(x) ? String.format(Locale.ROOT, x >= 100 ? "%.0f" : "%.2f", x) : "-";
    }

    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2] + " on " + Runtime.getRuntime().availableProcessors() + " processors";
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
