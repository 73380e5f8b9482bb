package dam.core.theory;

import dam.core.model.MemoryModel;
import java.util.Locale;

/**
 * Prints the late-time order parameters of long finite-temperature solves from m0 = 1 next to the stationary states,
 * the evidence behind docs/notes/stationary.md section 8: m(t) over the second half of the horizon (stationarity),
 * C(T, T - tau) at short and long lags (the one-step correlation and q), the response G(T, T - tau) and its sum chi.
 *
 * <p>Run from the repository root after {@code mvn -B -o -q -DskipTests package} and
 * {@code mvn -B -o -q test-compile -pl core}:
 * {@code java -cp core/target/classes:core/target/test-classes:$(cat jobs/target/classpath.txt)
 * dam.core.theory.ThermalEvidence model n alpha temperature T M seed [threads]}.
 */
final class ThermalEvidence {

    private static final int[] LAGS = {1, 2, 3, 4, 5, 10, 20, 50, 100, 200};

    private ThermalEvidence() {
    }

    /** Solves one (model, n, alpha, temperature, T, M, seed) from m0 = 1 and prints the late statistics. */
    public static void main(String[] args) {
        MemoryModel model = MemoryModel.parse(args[0]);
        int n = Integer.parseInt(args[1]);
        double alpha = Double.parseDouble(args[2]);
        double temperature = Double.parseDouble(args[3]);
        int steps = Integer.parseInt(args[4]);
        int paths = Integer.parseInt(args[5]);
        long seed = Long.parseLong(args[6]);
        int threads = args.length > 7 ? Integer.parseInt(args[7]) : 2;
        long start = System.nanoTime();
        TheoryResult r = new EffectiveProcessSolver(model, n, alpha, temperature, paths, threads).solve(1, steps, seed);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "%s n=%d alpha=%.5f temperature=%.4f T=%d M=%d seed=%d (%.1f s)%n", model.key(), n,
                alpha, temperature, steps, paths, seed, seconds);
        double[] m = r.overlap();
        StringBuilder line = new StringBuilder("m(t):");
        for (int k = 1; k <= 8; k++) {
            int t = steps * k / 8;
            line.append(String.format(Locale.ROOT, " %d:%.5f", t, m[t]));
        }
        System.out.println(line);
        double late = 0;
        int from = steps / 2;
        for (int t = from; t <= steps; t++) {
            late += m[t];
        }
        late /= steps - from + 1;
        double[][] c = r.correlation();
        double[][] g = r.response();
        line = new StringBuilder(String.format(Locale.ROOT, "mean m over [T/2, T] = %.5f; C(T, T-tau):", late));
        for (int lag : LAGS) {
            if (lag < steps) {
                line.append(String.format(Locale.ROOT, " %d:%.5f", lag, c[steps][steps - lag]));
            }
        }
        System.out.println(line);
        // q as the mean of C(t, s) over pairs of the second half at lags >= T/4, and C(1) averaged over the second half
        double q = 0;
        long pairs = 0;
        double c1 = 0;
        double c2 = 0;
        for (int t = from; t <= steps; t++) {
            c1 += c[t][t - 1];
            c2 += c[t][t - 2];
            for (int s = from; s <= t - steps / 4; s++) {
                q += c[t][s];
                pairs++;
            }
        }
        c1 /= steps - from + 1;
        c2 /= steps - from + 1;
        q /= Math.max(pairs, 1);
        double chi = 0;
        double chiLate = 0;
        line = new StringBuilder("G(T, T-tau):");
        for (int s = 0; s < steps; s++) {
            chi += g[steps][s];
            if (s >= from) {
                chiLate += g[steps][s];
            }
        }
        for (int lag = 1; lag <= 8; lag++) {
            line.append(String.format(Locale.ROOT, " %d:%.5f", lag, g[steps][steps - lag]));
        }
        System.out.println(line);
        // chi averaged over the last quarter (each row's sum), a less noisy estimate of the integrated response
        double chiMean = 0;
        int rows = 0;
        for (int t = steps - steps / 4; t <= steps; t++) {
            double sum = 0;
            for (int s = 0; s < t; s++) {
                sum += g[t][s];
            }
            chiMean += sum;
            rows++;
        }
        chiMean /= rows;
        System.out.printf(Locale.ROOT, "dynamics: m %.5f, C(1) %.5f, C(2) %.5f, q %.5f, chi %.5f (row T: %.5f, from "
                + "s >= T/2: %.5f)%n", late, c1, c2, q, chiMean, chi, chiLate);
        StationaryState.solve(model, n, alpha, temperature).ifPresentOrElse(
                s -> System.out.printf(Locale.ROOT, "stationary state: m %.5f, q %.5f, C(1) %.5f, chi %.5f%n", s.m(), s.q(),
                        s.oneStepCorrelation(), s.chi()),
                () -> System.out.println("stationary state: no retrieval state"));
    }
}
