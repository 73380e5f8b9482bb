package dam.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dam.core.model.Initialisation;
import dam.core.model.MemoryModel;
import dam.core.model.UpdateOrder;
import dam.core.theory.Gaussian;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Simulations of both models against numbers that do not come from this code (issues 18 and 19,
 * docs/physics.md section 1): the mean-field fixed point at vanishing load, and the exact first step at large N, at
 * temperature 0 and above. Tolerances are five standard errors of the simulated mean plus the finite-N shift named in
 * each test.
 */
@Tag("slow")
class IndependentNumbersTest {

    private static final long SEED = 77001L;

    /**
     * One pattern (alpha = N^-(n-1), p = 1) and N = 3000 neurons from m0 = 1: the overlap settles at the stable root of
     * m = tanh(beta m^(n-1)) (n = 2, beta = 2: 0.9575; n = 3, beta = 2: 0.9456), where both models agree (the
     * crosstalk vanishes). The mean of m(t) over t = 15 .. 50 and 8 trials: m(t) fluctuates by sqrt((1 - m^2) / N)
     * = 0.006 about it with a correlation time of about one step (the map's slope at the root is 0.17 for n = 2,
     * 0.40 for n = 3), a standard error near 0.0004; the finite-N shift of the field is O(1/N) = 0.0003.
     */
    @ParameterizedTest
    @CsvSource({"DENSE,PARALLEL,2,0.9575", "PBODY,PARALLEL,2,0.9575", "DENSE,SEQUENTIAL,2,0.9575",
        "PBODY,SEQUENTIAL,2,0.9575", "DENSE,PARALLEL,3,0.9456", "PBODY,PARALLEL,3,0.9456", "DENSE,SEQUENTIAL,3,0.9456",
        "PBODY,SEQUENTIAL,3,0.9456"})
    void longTimeOverlapAtVanishingLoadSolvesTheMeanFieldEquation(MemoryModel model, UpdateOrder update, int n,
                                                                  double expected) {
        int N = 3000, T = 50, from = 15, trials = 8;
        double alpha = 1 / Math.pow(N, n - 1);
        SimulationSettings s = new SimulationSettings(1.0, T, Initialisation.EXACT, 1, 0.5);
        TrialRunner runner = new TrialRunner(model, n, N, alpha, update, s, SEED);
        assertEquals(1, runner.p());
        List<TrialResult> got = runner.run(0, trials);
        double sum = 0;
        int count = 0;
        for (TrialResult r : got) {
            for (int t = from; t <= T; t++) {
                sum += r.overlap()[t];
                count++;
            }
        }
        double se = Math.sqrt((1 - expected * expected) / N) / Math.sqrt(trials * (T - from + 1) / 3.0);
        assertEquals(expected, sum / count, 5 * se + 3.0 / N, model + " " + update + " n=" + n);
    }

    /**
     * m(1) = E_z tanh(beta (m0^(n-1) + sqrt(alpha P(1)) z)) for z standard normal, at temperature 1 / beta: the
     * condensed signal plus Gaussian crosstalk of variance alpha P(1) ((2n-3)!! dense, (n-1)! p-body), then the
     * Glauber draw. Per trial m(1) averages N spins, variance (1 - m1^2) / N; the finite-N shift of the signal
     * and of the crosstalk variance is O(1/N), below 0.003 here.
     */
    @ParameterizedTest
    @CsvSource({"DENSE,2,2000,0.1,0.5,0.5", "PBODY,2,2000,0.1,0.5,0.5", "DENSE,3,500,0.05,0.7,0.5",
        "PBODY,3,500,0.05,0.7,0.5", "PBODY,3,500,0.08,1.0,0.8", "DENSE,3,500,0.03,1.0,0.3"})
    void firstStepAtFiniteTemperatureIsTheGaussianAverageOfTanh(MemoryModel model, int n, int N, double alpha,
                                                                 double m0, double temperature) {
        int trials = 80;
        SimulationSettings s = new SimulationSettings(m0, 1, Initialisation.EXACT, 1, temperature);
        List<TrialResult> got = new TrialRunner(model, n, N, alpha, UpdateOrder.PARALLEL, s, SEED).run(0, trials);
        double m1 = got.stream().mapToDouble(r -> r.overlap()[1]).average().orElseThrow();
        double signal = Math.pow(got.get(0).overlap()[0], n - 1);
        double noise = Math.sqrt(alpha * model.crosstalkVariance(n).doubleValue());
        double theory = gaussianAverage(z -> Math.tanh((signal + noise * z) / temperature));
        double se = Math.sqrt((1 - theory * theory) / (N * (double) trials));
        assertEquals(theory, m1, 5 * se + 0.003, model + " n=" + n + " m0=" + m0);
    }

    /**
     * At temperature 0 the first step of the p-body model is m(1) = erf(m0^(n-1) / sqrt(2 alpha (n-1)!)). The
     * finite-N signal is m0^(n-1) - O((n-1)(n-2) m0^(n-3) / (2N)) and the crosstalk variance alpha (n-1)!
     * prod_{j < n} (1 - j/N): at n = 4, N = 240, m0 = 0.8 they shift the erf argument by 1%, m(1) by 0.004.
     */
    @ParameterizedTest
    @CsvSource({"3,500,0.1,1.0,0.002", "3,500,0.1,0.7,0.002", "4,240,0.015,0.8,0.005"})
    void firstStepOfThePBodyModelAtTemperatureZeroIsTheErfFormula(int n, int N, double alpha, double m0, double shift) {
        int trials = 60;
        SimulationSettings s = new SimulationSettings(m0, 1, Initialisation.EXACT, 1);
        List<TrialResult> got = new TrialRunner(MemoryModel.PBODY, n, N, alpha, UpdateOrder.PARALLEL, s, SEED).run(0, trials);
        double m1 = got.stream().mapToDouble(r -> r.overlap()[1]).average().orElseThrow();
        double m0Exact = got.get(0).overlap()[0];
        double pOne = MemoryModel.PBODY.crosstalkVariance(n).doubleValue();
        double theory = Gaussian.erf(Math.pow(m0Exact, n - 1) / Math.sqrt(2 * alpha * pOne));
        double se = Math.sqrt((1 - theory * theory) / (N * (double) got.size()));
        assertEquals(theory, m1, 5 * se + shift, "n=" + n + " m0=" + m0);
    }

    /** E_z f(z) for z standard normal, by Simpson's rule on [-12, 12]. */
    private static double gaussianAverage(java.util.function.DoubleUnaryOperator f) {
        int intervals = 4800;
        double a = -12, h = 24.0 / intervals, sum = 0;
        for (int k = 0; k <= intervals; k++) {
            double z = a + k * h;
            double w = k == 0 || k == intervals ? 1 : k % 2 == 1 ? 4 : 2;
            sum += w * f.applyAsDouble(z) * Math.exp(-z * z / 2);
        }
        return sum * h / 3 / Math.sqrt(2 * Math.PI);
    }
}
