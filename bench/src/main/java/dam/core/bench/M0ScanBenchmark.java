package dam.core.bench;

import dam.core.model.Initialisation;
import dam.core.model.UpdateOrder;
import dam.core.sim.SimulationSettings;
import dam.core.sim.TrialRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The kernel cost of one m0 scan, each m0 run alone (one pattern set and kernel per trial and m0, as sweeps did
 * before m0 scans) against one TrialRunner.runScan (one pattern set and kernel per trial for all m0), alternated in
 * one thread; CPU time of the thread, so other load on the machine does not enter the ratio. Checks that both give
 * the same trials. Arguments: n N alpha trials steps m0-count repetitions.
 */
public final class M0ScanBenchmark {

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        int N = Integer.parseInt(args[1]);
        double alpha = Double.parseDouble(args[2]);
        int trials = Integer.parseInt(args[3]);
        int steps = Integer.parseInt(args[4]);
        int m0Count = Integer.parseInt(args[5]);
        int reps = Integer.parseInt(args[6]);
        List<TrialRunner> runners = new ArrayList<>();
        for (int i = 0; i < m0Count; i++) {
            double m0 = m0Count == 1 ? 1 : (double) i / (m0Count - 1);
            runners.add(new TrialRunner(n, N, alpha, UpdateOrder.PARALLEL,
                    new SimulationSettings(m0, steps, Initialisation.EXACT, 1), 1));
        }
        ThreadMXBean bean = ManagementFactory.getThreadMXBean();
        System.out.printf(Locale.ROOT, "n=%d N=%d alpha=%s p=%d, %d trials x %d m0 in [0, 1], T=%d, S=1%n", n, N, alpha,
                runners.get(0).p(), trials, m0Count, steps);
        for (int rep = 0; rep < reps; rep++) {
            long c0 = bean.getCurrentThreadCpuTime();
            List<List<String>> alone = new ArrayList<>();
            for (TrialRunner r : runners) {
                alone.add(r.run(0, trials).stream().map(M0ScanBenchmark::text).toList());
            }
            long c1 = bean.getCurrentThreadCpuTime();
            List<List<String>> scan = TrialRunner.runScan(runners, 0, trials).stream()
                    .map(l -> l.stream().map(M0ScanBenchmark::text).toList()).toList();
            long c2 = bean.getCurrentThreadCpuTime();
            if (!alone.equals(scan)) {
                throw new AssertionError("the scan's trials differ from the m0 values run alone");
            }
            System.out.printf(Locale.ROOT, "rep %d: each m0 alone %.3f s CPU, one scan %.3f s CPU, ratio %.2f (same trials)%n",
                    rep, (c1 - c0) / 1e9, (c2 - c1) / 1e9, (double) (c1 - c0) / (c2 - c1));
        }
    }

    private static String text(dam.core.sim.TrialResult r) {
        return r.trial() + " " + java.util.Arrays.toString(r.overlap()) + " " + java.util.Arrays.toString(r.flips()) + " "
                + r.fixedPointTime() + " " + r.cycleTime();
    }
}
