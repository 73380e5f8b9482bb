package dam.core.theory;

import java.util.List;

/**
 * The late-time statistics of a recorded solve (three recorded steps T-3, T-2, T-1 of {@link InstrumentedProcess}):
 * the static field u of each path (the mean over the last two steps of the non-retarded part of its field), its
 * period-2 part v (half their difference), the response and reinforcement measured from G and the retarded
 * coefficients, and how the paths sit (frozen at +1 or -1, in a 2-cycle, other).
 *
 * @param n            interaction order
 * @param alpha        load
 * @param m            m(T)
 * @param chi          sum_s G(T-1, s), the integrated response
 * @param gamma        sum_s k(T-1, s), the retarded field of a path that has kept one sign since t = 0
 * @param lateResponse sum of G(T-1, s) over the last 50 lags (the rest comes from the transient)
 * @param oddLag       C(T, T-1)
 * @param meanU        mean of u
 * @param varianceU    variance of u
 * @param varianceV    mean of v^2
 * @param signU        mean of sgn u: the overlap if every path took the sign of its static field
 * @param signUGamma   mean of sgn(u + gamma): the overlap if every path with u &gt; -gamma were +1
 * @param frozenPlus   fraction of paths at +1 over the last three steps
 * @param frozenMinus  fraction at -1 over the last three steps
 * @param cycles       fraction in a 2-cycle over the last three steps
 * @param u            the static field of every path
 * @param next         sigma(T) of every path
 * @param cycling      whether each path is in a 2-cycle over the last three steps
 * @param retarded     the retarded field of step T-1 on every path
 */
record LateTimeStatistics(int n, double alpha, double m, double chi, double gamma, double lateResponse, double oddLag,
                          double meanU, double varianceU, double varianceV, double signU, double signUGamma,
                          double frozenPlus, double frozenMinus, double cycles, float[] u, byte[] next,
                          boolean[] cycling, float[] retarded) {

    /** The statistics of a solve whose last three steps were recorded. */
    static LateTimeStatistics of(InstrumentedProcess.Recorded run) {
        TheoryResult r = run.result();
        List<InstrumentedProcess.Snapshot> snaps = run.snapshots();
        InstrumentedProcess.Snapshot s3 = snaps.get(snaps.size() - 3);
        InstrumentedProcess.Snapshot s2 = snaps.get(snaps.size() - 2);
        InstrumentedProcess.Snapshot s1 = snaps.get(snaps.size() - 1);
        int last = s1.t();
        int steps = r.steps();
        if (last != steps - 1) {
            throw new IllegalArgumentException("run: the last recorded step must be T - 1 = " + (steps - 1) + ", got " + last);
        }
        double[] g = r.response()[last];
        double chi = 0;
        double gamma = 0;
        double late = 0;
        for (int s = 0; s < last; s++) {
            chi += g[s];
            gamma += s1.memory()[s];
            if (last - s <= 50) {
                late += g[s];
            }
        }
        int paths = s1.u().length;
        float[] u = new float[paths];
        boolean[] cycling = new boolean[paths];
        double sumU = 0;
        double sumU2 = 0;
        double sumV2 = 0;
        double signU = 0;
        double signUGamma = 0;
        int plus = 0;
        int minus = 0;
        int cycles = 0;
        for (int p = 0; p < paths; p++) {
            double up = 0.5 * (s1.u()[p] + s2.u()[p]);
            double vp = 0.5 * (s1.u()[p] - s2.u()[p]);
            u[p] = (float) up;
            sumU += up;
            sumU2 += up * up;
            sumV2 += vp * vp;
            signU += Math.signum(up);
            signUGamma += up + gamma > 0 ? 1 : -1;
            int a = s3.next()[p];
            int b = s2.next()[p];
            int d = s1.next()[p];
            if (a == b && b == d) {
                if (d > 0) {
                    plus++;
                } else {
                    minus++;
                }
            } else if (a == d) {
                cycles++;
                cycling[p] = true;
            }
        }
        double meanU = sumU / paths;
        return new LateTimeStatistics(r.n(), r.alpha(), r.finalOverlap(), chi, gamma, late,
                r.correlation()[steps][steps - 1], meanU, sumU2 / paths - meanU * meanU, sumV2 / paths, signU / paths,
                signUGamma / paths, plus / (double) paths, minus / (double) paths, cycles / (double) paths, u, s1.next(),
                cycling, s1.retarded());
    }

    /**
     * Per bin of u / gamma in [lo, hi): {paths, fraction at +1 among the paths frozen over the last three steps, fraction
     * in 2-cycles, mean over the bin's paths of retarded field times sigma(T)}.
     */
    double[] bin(double lo, double hi) {
        int count = 0;
        int frozen = 0;
        int frozenPlusCount = 0;
        int cyc = 0;
        double ret = 0;
        for (int p = 0; p < u.length; p++) {
            double x = u[p] / gamma;
            if (x < lo || x >= hi) {
                continue;
            }
            count++;
            if (cycling[p]) {
                cyc++;
            } else {
                frozen++;
                if (next[p] > 0) {
                    frozenPlusCount++;
                }
            }
            ret += retarded[p] * next[p];
        }
        return new double[] {count, frozen == 0 ? Double.NaN : frozenPlusCount / (double) frozen,
                count == 0 ? Double.NaN : cyc / (double) count, count == 0 ? Double.NaN : ret / count};
    }
}
