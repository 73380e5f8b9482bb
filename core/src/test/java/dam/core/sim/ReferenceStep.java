package dam.core.sim;

import dam.core.model.Interaction;
import java.math.BigInteger;

/**
 * The update rule of docs/physics.md section 1 written literally, in BigInteger, O(p N^2) per step: the
 * obviously correct reference every fast kernel is tested against. For small N only.
 *
 * <p>h_i = sum_mu [F(xi_i^mu + c_i^mu) - F(-xi_i^mu + c_i^mu)] with c_i^mu = sum_{j != i} xi_j^mu sigma_j;
 * sigma_i becomes sgn(h_i), and keeps its value on a tie h_i = 0.
 */
public final class ReferenceStep {

    private final Interaction f;
    private final int[][] xi;

    /** The reference dynamics of F(x) = x^n on the dense patterns xi[mu][i] in {-1, +1}. */
    public ReferenceStep(int n, int[][] xi) {
        this.f = new Interaction(n);
        this.xi = xi;
    }

    /** The field h_i of neuron i in state sigma, literally. */
    public BigInteger field(int[] sigma, int i) {
        BigInteger h = BigInteger.ZERO;
        for (int[] pattern : xi) {
            long c = 0;
            for (int j = 0; j < sigma.length; j++) {
                if (j != i) {
                    c += (long) pattern[j] * sigma[j];
                }
            }
            h = h.add(f.F(pattern[i] + c)).subtract(f.F(-pattern[i] + c));
        }
        return h;
    }

    /** One parallel step: every neuron updates at once from sigma; returns the new state. */
    public int[] parallel(int[] sigma) {
        int[] next = new int[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            next[i] = update(field(sigma, i).signum(), sigma[i]);
        }
        return next;
    }

    /** One sequential sweep: neurons order[0], order[1], ... update one at a time; returns the new state. */
    public int[] sequential(int[] sigma, int[] order) {
        int[] s = sigma.clone();
        for (int i : order) {
            s[i] = update(field(s, i).signum(), s[i]);
        }
        return s;
    }

    private static int update(int signOfField, int old) {
        return signOfField == 0 ? old : signOfField;
    }
}
