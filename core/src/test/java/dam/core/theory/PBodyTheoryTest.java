package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.MemoryModel;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The p-body model's effective process (docs/physics.md section 5a) against numbers that do not come from the solver. */
class PBodyTheoryTest {

    /**
     * Over random patterns, E[e_l(x(t)) e_l(x(s))] = e_l(y) with y_j = sigma_j(t) sigma_j(s) (only identical l-sets of
     * distinct neurons pair up); for N_+ entries +1 and N_- entries -1, e_l(y) is the coefficient of z^l in
     * (1 + z)^N_+ (1 - z)^N_-. The crosstalk covariance per unit load, (l!)^2 e_l(y) / N^l, must tend to
     * P(C) = l! C^l: the lower-order terms, of relative size l^2 / (N C^2), vanish.
     */
    @ParameterizedTest(name = "n = {0}, C = {1}")
    @CsvSource({"2, 0.5", "3, 0", "3, 0.3", "3, 0.9", "3, 1", "4, 0", "4, 0.3", "4, -0.6", "5, 0.45", "5, 1", "6, 0.7"})
    void theKernelIsTheLargeNLimitOfTheExactPatternCovariance(int n, double c) {
        int l = n - 1;
        int neurons = 1_000_000;
        int sum = (int) Math.round(neurons * c / 2) * 2; // Y = N C with the parity of N
        int plus = (neurons + sum) / 2;
        int minus = neurons - plus;
        BigInteger e = BigInteger.ZERO;
        for (int j = 0; j <= l; j++) {
            BigInteger term = binomial(minus, j).multiply(binomial(plus, l - j));
            e = j % 2 == 0 ? e.add(term) : e.subtract(term);
        }
        BigInteger factorial = BigInteger.ONE;
        for (int j = 2; j <= l; j++) {
            factorial = factorial.multiply(BigInteger.valueOf(j));
        }
        double covariance = new BigDecimal(e.multiply(factorial).multiply(factorial))
                .divide(new BigDecimal(BigInteger.valueOf(neurons).pow(l)), MathContext.DECIMAL64).doubleValue();
        double expected = new PBodyKernel(n).value((double) sum / neurons);
        assertEquals(expected, covariance, 1e-4 + 1e-3 * Math.abs(expected), "n = " + n + ", C = " + c);
    }

    @ParameterizedTest(name = "{0}, n = {1}, alpha = {2}, m0 = {3}")
    @CsvSource({"PBODY, 3, 0.1, 0.7", "PBODY, 3, 0.3, 1", "PBODY, 4, 0.05, 0.9", "PBODY, 5, 0.01, 0.8", "PBODY, 2, 0.1, 0.7",
        "DENSE, 3, 0.1, 0.7", "DENSE, 4, 0.05, 0.9"})
    void firstStepIsTheErfOfTheSignalOverTheModelsNoise(MemoryModel model, int n, double alpha, double m0) {
        int paths = 100_000;
        double p1 = model.crosstalkVariance(n).doubleValue();
        double expected = Gaussian.erf(Math.pow(m0, n - 1) / Math.sqrt(2 * alpha * p1));
        double m1 = new EffectiveProcessSolver(model, n, alpha, 0, paths, 2).solve(m0, 1, 11).overlap()[1];
        assertEquals(expected, m1, 4 * Math.sqrt((1 - expected * expected) / paths));
    }

    /**
     * m(2) in closed form ({@link ExactSteps}): it involves the retarded coefficient alpha P'(C(1, 0)) G(1, 0) and the
     * noise variance alpha P(1) of the model, so it tells the kernels apart (at n = 3 the two P' agree, P(1) = 3
     * against 2; at n = 4 P' = 9 + 18 c^2 against 18 c^2). Tolerance: the solver's m(1), C(1, 0) and G(1, 0) are
     * estimates from M = 2e5 paths (standard error ~2e-3 on m(2)).
     */
    @ParameterizedTest(name = "{0}, n = {1}, alpha = {2}, m0 = {3}")
    @CsvSource({"PBODY, 3, 0.1, 0.7", "PBODY, 3, 0.15, 1", "PBODY, 4, 0.02, 0.8", "DENSE, 3, 0.1, 0.7", "DENSE, 4, 0.02, 0.8",
        "PBODY, 2, 0.1, 0.6", "DENSE, 2, 0.1, 0.6"})
    void secondStepAgreesWithItsClosedForm(MemoryModel model, int n, double alpha, double m0) {
        ExactSteps.TwoSteps exact = ExactSteps.of(model, n, alpha, 0, m0);
        TheoryResult r = new EffectiveProcessSolver(model, n, alpha, 0, 200_000, 2).solve(m0, 2, 5);
        assertEquals(exact.m1(), r.overlap()[1], 0.005, "m(1)");
        assertEquals(exact.c10(), r.correlation()[1][0], 0.005, "C(1, 0)");
        assertEquals(exact.g10(), r.response()[1][0], 0.01 * exact.g10(), "G(1, 0)");
        assertEquals(exact.m2(), r.overlap()[2], 0.005, "m(2)");
    }

    @Test
    void theTwoModelsDifferAtTheSecondStepByMoreThanTheTolerance() {
        // the check above can tell the kernels apart: the closed forms differ by far more than its tolerance
        double pbody = ExactSteps.of(MemoryModel.PBODY, 4, 0.02, 0, 0.8).m2();
        double dense = ExactSteps.of(MemoryModel.DENSE, 4, 0.02, 0, 0.8).m2();
        assertTrue(Math.abs(pbody - dense) > 0.05, pbody + " vs " + dense);
    }

    @ParameterizedTest(name = "temperature = {0}")
    @CsvSource({"0", "0.3"})
    void nEqualsTwoIsOneProcessForBothModels(double temperature) {
        TheoryResult dense = new EffectiveProcessSolver(MemoryModel.DENSE, 2, 0.1, temperature, 3_000, 2).solve(0.7, 10, 3);
        TheoryResult pbody = new EffectiveProcessSolver(MemoryModel.PBODY, 2, 0.1, temperature, 3_000, 1).solve(0.7, 10, 3);
        assertEquals(MemoryModel.PBODY, pbody.model());
        assertTrue(Arrays.equals(dense.overlap(), pbody.overlap()));
        assertTrue(Arrays.deepEquals(dense.correlation(), pbody.correlation()));
        assertTrue(Arrays.deepEquals(dense.response(), pbody.response()));
    }

    private static BigInteger binomial(int n, int k) {
        if (k < 0 || k > n) {
            return BigInteger.ZERO;
        }
        BigInteger result = BigInteger.ONE;
        for (int j = 0; j < k; j++) {
            result = result.multiply(BigInteger.valueOf(n - j)).divide(BigInteger.valueOf(j + 1));
        }
        return result;
    }
}
