package dam.core.theory;

import dam.core.Require;

/**
 * The crosstalk kernel of the p-body model, P(c) = l! c^l with l = n - 1 (docs/physics.md section 5a): the top term of
 * Lemma 1's kernel alone, since a pattern's (n-1)-fold products over distinct neurons have no diagonal
 * contractions.
 */
public final class PBodyKernel implements NoiseKernel {

    private final int n;
    private final double factorial;

    /** The kernel of order n &gt;= 2. */
    public PBodyKernel(int n) {
        Require.atLeast("n", n, 2);
        this.n = n;
        double f = 1;
        for (int j = 2; j < n; j++) {
            f *= j;
        }
        this.factorial = f;
    }

    @Override
    public int order() {
        return n;
    }

    @Override
    public double value(double c) {
        return factorial * Math.pow(c, n - 1);
    }

    @Override
    public double derivative(double c) {
        return factorial * (n - 1) * Math.pow(c, n - 2);
    }
}
