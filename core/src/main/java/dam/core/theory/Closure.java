package dam.core.theory;

import dam.core.model.MemoryModel;

/**
 * How the order parameters C and G close the effective process: the covariance of the Gaussian
 * noise phi and the coefficients of the retarded self-interaction, one time row at a time.
 */
interface Closure {

    /** Cov(phi(t), phi(s)) for s = 0..t, given C and G on rows 0..t; called for t = 0, 1, 2, ... in order. */
    double[] covarianceRow(int t, double[][] correlation, double[][] response);

    /** The coefficients k(t, s), s &lt; t, of the retarded field sum_{s&lt;t} k(t, s) sigma(s); same call order. */
    double[] retardedRow(int t, double[][] correlation, double[][] response);

    /**
     * The closure of the model at interaction order n and load alpha (docs/physics.md sections 4, 5 and 5a): the
     * Hopfield closure for n = 2, the same dynamics for both models, and the model's kernel P for n &gt;= 3.
     */
    static Closure of(MemoryModel model, int n, double alpha) {
        return n == 2 ? new HopfieldClosure(alpha) : new KernelClosure(NoiseKernel.of(model, n), alpha);
    }
}
