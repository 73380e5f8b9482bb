package dam.core.theory;

import dam.core.model.MemoryModel;
import java.util.Locale;
import java.util.Optional;

/**
 * Prints the late-time statistics of the dynamical solver behind docs/notes/stationary.md: which sign the effective
 * process started at m0 selects where both signs of the frozen equation sigma = sgn(u + Gamma sigma) are
 * self-consistent, the integrated response chi and the reinforcement Gamma measured from G, the static field's
 * statistics against the stationary equations, and the fraction of paths in 2-cycles.
 *
 * <p>Run from the repository root after {@code mvn -B -o -q -DskipTests package} and
 * {@code mvn -B -o -q test-compile -pl core}:
 * {@code java -cp core/target/classes:core/target/test-classes:$(cat jobs/target/classpath.txt)
 * dam.core.theory.StationaryEvidence n alpha m0 T M seed [threads [model]]} (model dense unless given).
 */
final class StationaryEvidence {

    private static final double[] EDGES = {-99, -2, -1.5, -1.25, -1, -0.75, -0.5, -0.25, 0, 0.25, 0.5, 0.75, 1, 1.25, 1.5,
            2, 99};

    private StationaryEvidence() {
    }

    /** Solves one (n, alpha, m0, T, M, seed) with the last three steps recorded and prints the tables. */
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        double alpha = Double.parseDouble(args[1]);
        double m0 = Double.parseDouble(args[2]);
        int steps = Integer.parseInt(args[3]);
        int paths = Integer.parseInt(args[4]);
        long seed = Long.parseLong(args[5]);
        int threads = args.length > 6 ? Integer.parseInt(args[6]) : 2;
        MemoryModel model = args.length > 7 ? MemoryModel.parse(args[7]) : MemoryModel.DENSE;
        long start = System.nanoTime();
        InstrumentedProcess.Recorded run = new InstrumentedProcess(model, n, alpha, paths, threads)
                .solve(m0, steps, seed, steps - 3);
        double seconds = (System.nanoTime() - start) / 1e9;
        LateTimeStatistics late = LateTimeStatistics.of(run);
        NoiseKernel kernel = NoiseKernel.of(model, n);
        TheoryResult r = run.result();
        System.out.printf(Locale.ROOT, "%s n=%d alpha=%.4f m0=%.3f T=%d M=%d seed=%d (%.1f s)%n", model.key(), n, alpha,
                m0, steps, paths, seed, seconds);
        System.out.printf(Locale.ROOT, "m(T-2..T) = %.5f %.5f %.5f; C(T,T-1) = %.5f, C(T,T-2) = %.5f%n",
                r.overlap()[steps - 2], r.overlap()[steps - 1], late.m(), late.oddLag(), r.correlation()[steps][steps - 2]);
        double gammaFromChi = n == 2 ? alpha * late.chi() / (1 - late.chi()) : alpha * kernel.derivative(1) * late.chi();
        System.out.printf(Locale.ROOT, "chi = sum_s G(T-1, s) = %.5f (last 50 lags: %.5f); Gamma = sum_s k(T-1, s) = %.5f "
                + "(%s from chi: %.5f)%n", late.chi(), late.lateResponse(), late.gamma(),
                n == 2 ? "alpha chi / (1 - chi)" : "alpha P'(1) chi", gammaFromChi);
        double variance = n == 2 ? alpha / Math.pow(1 - late.chi(), 2) : alpha * kernel.value(1);
        String period2 = n == 2 ? "" : String.format(Locale.ROOT, " (alpha (P(1) - P(C(T,T-1))) / 2 = %.6f)",
                alpha * (kernel.value(1) - kernel.value(late.oddLag())) / 2);
        System.out.printf(Locale.ROOT, "static field u: mean %.5f (m^(n-1) = %.5f), variance %.5f (%s = %.5f); period-2 "
                + "part v: mean square %.6f%s%n", late.meanU(), Math.pow(late.m(), n - 1), late.varianceU(),
                n == 2 ? "alpha / (1 - chi)^2" : "alpha P(1)", variance, late.varianceV(), period2);
        System.out.printf(Locale.ROOT, "paths over the last three steps: frozen at +1 %.5f, at -1 %.5f, 2-cycle %.5f, "
                + "other %.5f%n", late.frozenPlus(), late.frozenMinus(), late.cycles(),
                1 - late.frozenPlus() - late.frozenMinus() - late.cycles());
        Optional<StationaryState> stationary = StationaryState.solve(model, n, alpha, 0);
        System.out.printf(Locale.ROOT, "m(T) = %.5f; mean sgn u = %.5f; mean sgn(u + Gamma) = %.5f; stationary state "
                + "(sgn u selection) m = %s%n", late.m(), late.signU(), late.signUGamma(),
                stationary.map(s -> String.format(Locale.ROOT, "%.5f, chi = %.5f, Gamma = %.5f", s.m(), s.chi(),
                        s.reinforcement())).orElse("none"));
        System.out.println("u / Gamma bin | paths | +1 among frozen | in 2-cycles | mean retarded field x sigma(T)");
        for (int k = 0; k + 1 < EDGES.length; k++) {
            double[] b = late.bin(EDGES[k], EDGES[k + 1]);
            if (b[0] == 0) {
                continue;
            }
            System.out.printf(Locale.ROOT, "| [%.2f, %.2f) | %d | %.3f | %.3f | %.4f |%n", EDGES[k], EDGES[k + 1],
                    (long) b[0], b[1], b[2], b[3]);
        }
    }
}
