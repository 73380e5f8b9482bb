package dam.core.bench;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.BoundaryRound;
import dam.core.analysis.BoundarySearch;
import dam.core.analysis.BoundaryStep;
import dam.core.analysis.BoundaryStop;
import dam.core.analysis.CommittedSet;
import dam.core.analysis.PlannedRun;
import dam.core.analysis.SetCounts;
import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import dam.core.sim.SimulationSettings;
import dam.core.sim.TrialResult;
import dam.core.sim.TrialRunner;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;

/**
 * Trials and CPU-seconds to a 95% interval of m0_c no wider than a target: the adaptive {@link BoundarySearch} against
 * the uniform grid m0 = 0, 0.1, ..., 1 with the same number of trials at every m0 (the grid version's default), in one
 * thread of one process, CPU time of that thread. The grid's trials per point grow from 100 by 10% at a time until
 * BasinBoundary.fromPatternSets gives an interval no wider than the target (the grid's cost: that many trials, and the
 * CPU-seconds of running them); the same scaled to exactly the target by the width's 1/sqrt(trials) law is printed
 * beside it. The adaptive cost includes the planner's CPU-seconds. The two estimates agree when their difference lies
 * within its own 95% interval, sqrt(h_a^2 + h_g^2), h being each interval's half-width towards the other estimate.
 * T = 20, exact initialisation, S = 1, parallel dynamics; both designs at seeds 1 .. seeds, and the means.
 *
 * <p>Arguments: [width [seeds [n N alpha]...]], default 0.02, 2 seeds, the cases 3 512 0.1 and 2 1024 0.1.
 */
public final class BoundarySearchBenchmark {

    private static final int STEPS = 20;
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

    private BoundarySearchBenchmark() {
    }

    public static void main(String[] args) {
        double width = args.length > 0 ? Double.parseDouble(args[0]) : 0.02;
        int seeds = args.length > 1 ? Integer.parseInt(args[1]) : 2;
        List<String[]> cases = new ArrayList<>();
        for (int i = 2; i + 2 < args.length; i += 3) {
            cases.add(new String[] {args[i], args[i + 1], args[i + 2]});
        }
        if (cases.isEmpty()) {
            cases.add(new String[] {"3", "512", "0.1"});
            cases.add(new String[] {"2", "1024", "0.1"});
        }
        warmUp();
        for (String[] c : cases) {
            run(Integer.parseInt(c[0]), Integer.parseInt(c[1]), Double.parseDouble(c[2]), width, seeds);
        }
    }

    private static void run(int n, int N, double alpha, double width, int seeds) {
        System.out.printf(Locale.ROOT, "%nn = %d, N = %d, alpha = %s, T = %d, S = 1, target width %s, seeds 1 .. %d "
                + "(load average %s)%n", n, N, alpha, STEPS, width, seeds, load());
        double[] adaptive = new double[2];
        double[] grid = new double[2];
        double[] scaled = new double[2];
        boolean agree = true;
        for (long seed = 1; seed <= seeds; seed++) {
            BoundaryStop stop = adaptive(n, N, alpha, width, seed, adaptive);
            BasinBoundary b = grid(n, N, alpha, width, seed, grid, scaled);
            // The difference against its own 95% interval, each half-width taken on the side facing the other estimate.
            double difference = stop.centre() - b.m0c();
            double adaptiveHalf = difference > 0 ? stop.centre() - stop.lower() : stop.upper() - stop.centre();
            double gridHalf = difference > 0 ? b.upper() - b.m0c() : b.m0c() - b.lower();
            double z = difference / Math.hypot(adaptiveHalf, gridHalf);
            System.out.printf(Locale.ROOT, "  seed %d: adaptive - grid = %+.4f, %.2f of its 95%% half-width: %s%n", seed,
                    difference, Math.abs(z), Math.abs(z) <= 1 ? "agree" : "differ");
            agree &= Math.abs(z) <= 1;
        }
        System.out.printf(Locale.ROOT, "mean over %d seeds: adaptive %.0f trials, %.2f CPU-s; grid %.0f trials, %.2f CPU-s "
                        + "(scaled to width %s: %.0f trials, %.2f CPU-s)%n", seeds, adaptive[0] / seeds, adaptive[1] / seeds,
                grid[0] / seeds, grid[1] / seeds, width, scaled[0] / seeds, scaled[1] / seeds);
        System.out.printf(Locale.ROOT, "ratio grid / adaptive: trials %.1f, CPU %.1f (scaled grid: trials %.1f, CPU %.1f); "
                        + "the estimates agree within their intervals at every seed: %s (load average %s)%n",
                grid[0] / adaptive[0], grid[1] / adaptive[1], scaled[0] / adaptive[0], scaled[1] / adaptive[1],
                agree ? "yes" : "no", load());
    }

    /** One adaptive search; adds its trials and CPU-seconds (simulation and planning) to total. */
    private static BoundaryStop adaptive(int n, int N, double alpha, double width, long seed, double[] total) {
        BoundarySearch search = BoundarySearch.of(0, 1, width, 100_000, 1, BoundarySearch.Direction.RISING);
        List<CommittedSet> rows = new ArrayList<>();
        long simulation = 0;
        long planning = 0;
        StringBuilder rounds = new StringBuilder();
        BoundaryStep step;
        while (true) {
            long p0 = CPU.getCurrentThreadCpuTime();
            step = search.next(rows);
            planning += CPU.getCurrentThreadCpuTime() - p0;
            if (!(step instanceof BoundaryRound round)) {
                break;
            }
            long s0 = CPU.getCurrentThreadCpuTime();
            for (PlannedRun run : round.runs()) {
                for (TrialResult t : runner(n, N, alpha, run.x(), seed).run(run.firstTrial(), run.trials())) {
                    rows.add(new CommittedSet(round.round(), run.x(), t.trial(), t.finalOverlap() >= 0.5 ? 1 : 0, 1));
                }
            }
            simulation += CPU.getCurrentThreadCpuTime() - s0;
            rounds.append(String.format(Locale.ROOT, "%n    round %d: %d trials: %s", round.round(), round.trials(),
                    points(round.runs())));
        }
        BoundaryStop stop = (BoundaryStop) step;
        double cpu = (simulation + planning) / 1e9;
        System.out.printf(Locale.ROOT, "  seed %d adaptive: m0_c = %.4f (%.4f, %.4f), width %.4f, stopped for %s after %d "
                        + "rounds: %d trials, %.2f CPU-s (simulation %.2f, planning %.2f)%s%n", seed, stop.centre(),
                stop.lower(), stop.upper(), stop.width(), stop.reason().label(), stop.rounds(), stop.trials(), cpu,
                simulation / 1e9, planning / 1e9, rounds);
        total[0] += stop.trials();
        total[1] += cpu;
        return stop;
    }

    /**
     * The uniform grid m0 = 0, 0.1, ..., 1 with trials 0 .. K - 1 at every m0 (common pattern sets, one TrialRunner.runScan
     * per increment), K = 100 then 10% more at a time until the interval is at most width wide; adds that K's trials and
     * CPU-seconds to total, and the same scaled to exactly width by the 1/sqrt(trials) law to scaled.
     */
    private static BasinBoundary grid(int n, int N, double alpha, double width, long seed, double[] total,
                                      double[] scaled) {
        double[] m0 = new double[11];
        List<TrialRunner> runners = new ArrayList<>();
        for (int i = 0; i < m0.length; i++) {
            m0[i] = i / 10.0;
            runners.add(runner(n, N, alpha, m0[i], seed));
        }
        int[][] success = new int[m0.length][0];
        int done = 0;
        int next = 100;
        long cpu = 0;
        BasinBoundary b;
        while (true) {
            long g0 = CPU.getCurrentThreadCpuTime();
            List<List<TrialResult>> results = TrialRunner.runScan(runners, done, next - done);
            cpu += CPU.getCurrentThreadCpuTime() - g0;
            for (int i = 0; i < m0.length; i++) {
                success[i] = Arrays.copyOf(success[i], next);
                for (TrialResult t : results.get(i)) {
                    success[i][t.trial()] = t.finalOverlap() >= 0.5 ? 1 : 0;
                }
            }
            done = next;
            SetCounts[] counts = new SetCounts[m0.length];
            int[] ones = new int[done];
            Arrays.fill(ones, 1);
            for (int i = 0; i < m0.length; i++) {
                counts[i] = new SetCounts(success[i], ones);
            }
            b = BasinBoundary.fromPatternSets(m0, counts, true, seed);
            if (b.upper() - b.lower() <= width) {
                break;
            }
            next = (int) Math.ceil(done * 1.1);
        }
        double w = b.upper() - b.lower();
        double factor = (w / width) * (w / width);
        double trials = (double) done * m0.length;
        System.out.printf(Locale.ROOT, "  seed %d grid: m0_c = %.4f (%.4f, %.4f), width %.4f (%s) first at %d trials per m0: "
                        + "%.0f trials, %.2f CPU-s; scaled to width %s: %.0f trials, %.2f CPU-s%n", seed, b.m0c(), b.lower(),
                b.upper(), w, b.method(), done, trials, cpu / 1e9, width, trials * factor, cpu / 1e9 * factor);
        total[0] += trials;
        total[1] += cpu / 1e9;
        scaled[0] += trials * factor;
        scaled[1] += cpu / 1e9 * factor;
        return b;
    }

    private static TrialRunner runner(int n, int N, double alpha, double m0, long seed) {
        return new TrialRunner(n, N, alpha, UpdateOrder.PARALLEL, new SimulationSettings(m0, STEPS, Initialisation.EXACT, 1),
                seed);
    }

    /** The points of a round with their trials, e.g. 0.7350x40. */
    private static String points(List<PlannedRun> runs) {
        TreeMap<Double, Integer> t = new TreeMap<>();
        runs.forEach(r -> t.merge(r.x(), r.trials(), Integer::sum));
        StringBuilder b = new StringBuilder();
        t.forEach((x, k) -> b.append(String.format(Locale.ROOT, " %.3fx%d", x, k)));
        return b.toString().trim();
    }

    /** A few trials of every case's kind, so that the JIT has compiled the kernel before anything is timed. */
    private static void warmUp() {
        runner(3, 512, 0.1, 0.8, 0).run(0, 20);
        runner(2, 1024, 0.1, 0.3, 0).run(0, 50);
    }

    private static String load() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
