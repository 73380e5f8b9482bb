package dam.core.bench;

import dam.core.model.MemoryModel;
import dam.core.theory.BaselineSolver;
import dam.core.theory.EffectiveProcessSolver;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Wall time of the GFA effective-process solver over long horizons, with the solver before issue 7
 * ({@link BaselineSolver}) timed in the same run as the baseline of the ratios. Cases:
 * <ol>
 *   <li>the target: n = 3, alpha = 0.1, m0 = 1, T = 1000, M = 5e4 on the given threads (issue 7: at most 60 s on 2 cores);</li>
 *   <li>n = 3, T = 300, M = 1e5 (issue 7 quotes 20 s for the baseline): baseline, current on 1 thread, current on the given threads,
 *       and current at temperature 0.2 (parallel Glauber dynamics) on the given threads;</li>
 *   <li>n = 2, alpha = 0.1, T = 100, M = 1e5: baseline against current; an independent C++/Eigen solver
 *       (OpenMP, 2 threads) took 12.8 s on this machine according to issue 7 (quoted, not measured here);</li>
 *   <li>n = 2, T = 1000, M = 5e4, current only (the baseline would take minutes and collapses there).</li>
 * </ol>
 * Each case is run once after one small warm-up solve. Besides the wall time, the JVM's CPU time
 * over the solve is printed: when other processes share the cores (the load average is printed
 * before and after), CPU seconds divided by the threads approximate the wall time on an idle machine.
 *
 * <p>Run: {@code bench/theory.sh [--threads 2] [--quick]} ({@code --quick} divides every M by 10).
 */
public final class TheoryThroughput {

    private TheoryThroughput() {
    }

    /** Options: --threads k (default: processors), --quick. Prints the table to stdout. */
    public static void main(String[] args) throws IOException {
        int threads = Runtime.getRuntime().availableProcessors();
        int scale = 1;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--threads" -> threads = Integer.parseInt(args[++i]);
                case "--quick" -> scale = 10;
                default -> {
                    System.err.println("theory bench: unknown option " + args[i] + " (use --threads k, --quick)");
                    System.exit(2);
                }
            }
        }
        run(threads, scale, System.out);
    }

    private static void run(int threads, int scale, PrintStream out) throws IOException {
        out.printf(Locale.ROOT, "# theory solver wall times, %d threads, %d processors, load average before: %s%n",
                threads, Runtime.getRuntime().availableProcessors(), load());
        new EffectiveProcessSolver(3, 0.1, 20_000, threads).solve(1, 100, 1);
        new BaselineSolver(3, 0.1, 20_000).solve(1, 100, 1);
        out.println("case | solver | threads | wall s | CPU s | m(T)");

        int target = 50_000 / scale;
        double t1 = time(() -> new EffectiveProcessSolver(3, 0.1, target, threads).solve(1, 1000, 1).finalOverlap(),
                "n=3 T=1000 M=" + target, "current", threads, out);

        int m2 = 100_000 / scale;
        String c2 = "n=3 T=300 M=" + m2;
        double b2 = time(() -> new BaselineSolver(3, 0.1, m2).solve(1, 300, 1).finalOverlap(), c2, "baseline", 1, out);
        double s2 = time(() -> new EffectiveProcessSolver(3, 0.1, m2, 1).solve(1, 300, 1).finalOverlap(), c2, "current", 1, out);
        double p2 = time(() -> new EffectiveProcessSolver(3, 0.1, m2, threads).solve(1, 300, 1).finalOverlap(), c2, "current", threads, out);
        double w2 = time(() -> new EffectiveProcessSolver(MemoryModel.DENSE, 3, 0.1, 0.2, m2, threads).solve(1, 300, 1)
                .finalOverlap(), c2 + " temperature=0.2", "current", threads, out);

        String c3 = "n=2 T=100 M=" + m2;
        double b3 = time(() -> new BaselineSolver(2, 0.1, m2).solve(1, 100, 1).finalOverlap(), c3, "baseline", 1, out);
        double p3 = time(() -> new EffectiveProcessSolver(2, 0.1, m2, threads).solve(1, 100, 1).finalOverlap(), c3, "current", threads, out);

        double t4 = time(() -> new EffectiveProcessSolver(2, 0.1, target, threads).solve(1, 1000, 1).finalOverlap(),
                "n=2 T=1000 M=" + target, "current", threads, out);

        out.printf(Locale.ROOT, "target: n=3 T=1000 M=%d in %.1f s on %d threads (issue 7 asks <= 60 s at M=50000 on 2 cores)%n",
                target, t1, threads);
        out.printf(Locale.ROOT, "n=3 T=300: baseline / current = %.1f (1 thread), %.1f (%d threads); thread speed-up %.2f%n",
                b2 / s2, b2 / p2, threads, s2 / p2);
        out.printf(Locale.ROOT, "n=3 T=300: temperature 0.2 / temperature 0 = %.2f (%d threads)%n", w2 / p2, threads);
        out.printf(Locale.ROOT, "n=2 T=100: baseline / current = %.1f", b3 / p3);
        if (scale == 1) {
            out.printf(Locale.ROOT, "; C++/Eigen reference 12.8 s (quoted from issue 7, 2 threads) / current = %.1f", 12.8 / p3);
        }
        out.println();
        out.printf(Locale.ROOT, "n=2 T=1000 M=%d: %.1f s%n", target, t4);
        out.printf(Locale.ROOT, "# load average after: %s%n", load());
    }

    private interface Solve {
        double run();
    }

    /** Runs the solve, prints its row and returns its wall time in seconds. */
    private static double time(Solve solve, String label, String solver, int threads, PrintStream out) {
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        double m = solve.run();
        double seconds = (System.nanoTime() - start) / 1e9;
        double cpuSeconds = (processCpuNanos() - cpu) / 1e9;
        out.printf(Locale.ROOT, "%s | %s | %d | %.2f | %.2f | %.4f%n", label, solver, threads, seconds, cpuSeconds, m);
        out.flush();
        return seconds;
    }

    /** CPU time of this JVM, all threads (JIT and GC included), or -1 where the platform does not report it. */
    private static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return -1;
    }

    private static String load() throws IOException {
        Path p = Path.of("/proc/loadavg");
        if (!Files.exists(p)) {
            return "n/a";
        }
        String[] f = Files.readString(p).trim().split("\\s+");
        return f[0] + " " + f[1] + " " + f[2];
    }
}
