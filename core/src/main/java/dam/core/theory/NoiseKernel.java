package dam.core.theory;

import dam.core.model.MemoryModel;

/**
 * The crosstalk kernel P of a model's effective process (docs/physics.md sections 4 and 5a): the covariance of the
 * Gaussian noise at two times is alpha P(C(t, s)) and the retarded self-interaction has coefficients
 * alpha P'(C(t, s)) G(t, s) (n &gt;= 3).
 */
public interface NoiseKernel {

    /** The interaction order n. */
    int order();

    /** P(c). */
    double value(double c);

    /** P'(c), the derivative in c. */
    double derivative(double c);

    /** The kernel of the model at order n &gt;= 2: Lemma 1's {@link Moments} (dense) or {@link PBodyKernel}. */
    static NoiseKernel of(MemoryModel model, int n) {
        return model == MemoryModel.PBODY ? new PBodyKernel(n) : new Moments(n);
    }
}
