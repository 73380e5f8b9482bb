package dam.core.theory;

/**
 * The closure for n &gt;= 3 (docs/physics.md sections 4 and 5a): Cov(phi(t), phi(s)) = P(C(t, s)) and retarded
 * coefficients alpha P'(C(t, s)) G(t, s), with the model's kernel P (Lemma 1's for the dense model, l! c^l for the
 * p-body model). The noise covariance does not involve G.
 */
final class KernelClosure implements Closure {

    private final NoiseKernel kernel;
    private final double alpha;

    /** The closure with kernel P at load alpha. */
    KernelClosure(NoiseKernel kernel, double alpha) {
        this.kernel = kernel;
        this.alpha = alpha;
    }

    @Override
    public double[] covarianceRow(int t, double[][] correlation, double[][] response) {
        double[] row = new double[t + 1];
        for (int s = 0; s < t; s++) {
            row[s] = kernel.value(correlation[t][s]);
        }
        row[t] = kernel.value(1);
        return row;
    }

    @Override
    public double[] retardedRow(int t, double[][] correlation, double[][] response) {
        double[] row = new double[t];
        for (int s = 0; s < t; s++) {
            row[s] = alpha * kernel.derivative(correlation[t][s]) * response[t][s];
        }
        return row;
    }
}
