package dam.core.theory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.model.MemoryModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetrievalBranchTest {

    /**
     * The temperature-0 branch with selection threshold kappa: +1 exactly where u = m^(n-1) + s z &gt; -kappa Gamma, so
     * m = P(u &gt; -kappa Gamma) - P(u &lt; -kappa Gamma) and chi = 2 x the density of u there, with Gamma = alpha P'(1) chi
     * (n &gt;= 3) or alpha chi / (1 - chi) (n = 2) and s^2 = alpha P(1) or alpha / (1 - chi)^2.
     */
    @ParameterizedTest
    @CsvSource({"DENSE,2,0.25,0.97", "DENSE,3,0.25,0.9", "DENSE,4,0.5,0.93", "PBODY,3,0.1,0.88", "DENSE,3,1,0.95"})
    void thresholdBranchSolvesItsDefiningEquations(MemoryModel model, int n, double kappa, double m) {
        NoiseKernel kernel = NoiseKernel.of(model, n);
        RetrievalBranch.Point p = new RetrievalBranch(kernel, 0, kappa).at(m);
        assertTrue(p.alpha() > 0, p.toString());
        double gamma = n == 2 ? p.alpha() * p.chi() / (1 - p.chi()) : p.alpha() * kernel.derivative(1) * p.chi();
        double variance = n == 2 ? p.alpha() / Math.pow(1 - p.chi(), 2) : p.alpha() * kernel.value(1);
        assertEquals(variance, p.s() * p.s(), 1e-14);
        double a = Math.pow(m, n - 1);
        assertEquals(m, Gaussian.erf((a + kappa * gamma) / (Math.sqrt(2) * p.s())), 1e-13);
        assertEquals(ThermalAverage.density(a + kappa * gamma, p.s()), p.chi(), 1e-13);
    }

    /** Threshold 0 is the stationary state's selection; a threshold that keeps more of the band at +1 retrieves further. */
    @ParameterizedTest
    @CsvSource({"DENSE,2", "DENSE,3", "DENSE,4", "PBODY,3"})
    void capacityGrowsWithTheSelectionThreshold(MemoryModel model, int n) {
        NoiseKernel kernel = NoiseKernel.of(model, n);
        double equilibrium = StationaryState.criticalLoad(model, n, 0).orElseThrow().alpha();
        assertEquals(equilibrium, new RetrievalBranch(kernel, 0, 0).fold().alpha(), 0);
        double previous = equilibrium;
        for (double kappa : new double[] {0.05, 0.1}) {
            double alphaC = new RetrievalBranch(kernel, 0, kappa).fold().alpha();
            assertTrue(alphaC > previous, "kappa = " + kappa + ": " + alphaC + " against " + previous);
            previous = alphaC;
        }
    }

    @ParameterizedTest
    @CsvSource({"0.1,0.2", "0,-0.1", "0,1.5"})
    void rejectsAThresholdOutsideTemperatureZeroOrTheUnitInterval(double temperature, double kappa) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new RetrievalBranch(new Moments(3), temperature, kappa));
        assertTrue(e.getMessage().startsWith("threshold: "), e.getMessage());
    }
}
