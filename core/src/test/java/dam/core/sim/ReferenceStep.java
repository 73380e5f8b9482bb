package dam.core.sim;

import dam.core.model.Interaction;
import dam.core.model.MemoryModel;
import java.math.BigInteger;

/**
 * The update rules of docs/physics.md section 1 written literally, in BigInteger: the obviously correct reference
 * every fast kernel is tested against. For small N only.
 *
 * <p>Dense model, O(p N^2) per step: h_i = sum_mu [F(xi_i^mu + c_i^mu) - F(-xi_i^mu + c_i^mu)] with
 * c_i^mu = sum_{j != i} xi_j^mu sigma_j. p-body model: h_i = sum_mu xi_i^mu e_{n-1}(x_j^mu : j != i),
 * x_j^mu = xi_j^mu sigma_j, the elementary symmetric polynomial summed literally over every (n-1)-subset of the other
 * neurons ({@link #subsetSum}); where there are more than {@value #SUBSET_LIMIT} subsets, as the coefficient of t^(n-1)
 * in prod_{j != i} (1 + x_j t) ({@link #productSum}, the same definition expanded one factor at a time, checked
 * against the subset sum in ReferenceStepTest). Neither uses the polynomial E(c) of the kernels. sigma_i becomes
 * sgn(h_i), and keeps its value on a tie h_i = 0.
 */
public final class ReferenceStep {

    /** Above this many subsets per field the p-body sum is expanded as a product instead of enumerated. */
    static final long SUBSET_LIMIT = 20_000;

    private final MemoryModel model;
    private final int n;
    private final Interaction f;
    private final int[][] xi;

    /** The reference dynamics of the dense model, F(x) = x^n, on the dense patterns xi[mu][i] in {-1, +1}. */
    public ReferenceStep(int n, int[][] xi) {
        this(MemoryModel.DENSE, n, xi);
    }

    /** The reference dynamics of the model at order n on the dense patterns xi[mu][i] in {-1, +1}. */
    public ReferenceStep(MemoryModel model, int n, int[][] xi) {
        this.model = model;
        this.n = n;
        this.f = new Interaction(n);
        this.xi = xi;
    }

    /** The field h_i of neuron i in state sigma, literally. */
    public BigInteger field(int[] sigma, int i) {
        BigInteger h = BigInteger.ZERO;
        for (int[] pattern : xi) {
            if (model == MemoryModel.DENSE) {
                long c = 0;
                for (int j = 0; j < sigma.length; j++) {
                    if (j != i) {
                        c += (long) pattern[j] * sigma[j];
                    }
                }
                h = h.add(f.F(pattern[i] + c)).subtract(f.F(-pattern[i] + c));
            } else {
                int[] x = new int[sigma.length - 1];
                for (int j = 0, at = 0; j < sigma.length; j++) {
                    if (j != i) {
                        x[at++] = pattern[j] * sigma[j];
                    }
                }
                BigInteger e = binomial(x.length, n - 1) <= SUBSET_LIMIT ? subsetSum(x, n - 1) : productSum(x, n - 1);
                h = pattern[i] > 0 ? h.add(e) : h.subtract(e);
            }
        }
        return h;
    }

    /** e_k(x): the sum over every k-subset of the entries of x of their product, enumerated one subset at a time. */
    static BigInteger subsetSum(int[] x, int k) {
        return BigInteger.valueOf(subsets(x, 0, k, 1));
    }

    /** The sum of prod * (product of a k-subset of x[from ..]) over those subsets. */
    private static long subsets(int[] x, int from, int k, int prod) {
        if (k == 0) {
            return prod;
        }
        long sum = 0;
        for (int j = from; j <= x.length - k; j++) {
            sum += subsets(x, j + 1, k - 1, prod * x[j]);
        }
        return sum;
    }

    /**
     * e_k(x): the coefficient of t^k in prod_j (1 + x_j t), multiplied out one factor at a time (exact long
     * arithmetic: ArithmeticException rather than a wrong value).
     */
    static BigInteger productSum(int[] x, int k) {
        long[] c = new long[k + 1]; // coefficients of the product so far, c[0] = 1
        c[0] = 1;
        for (int v : x) {
            for (int j = k; j >= 1; j--) {
                c[j] = Math.addExact(c[j], Math.multiplyExact(c[j - 1], v));
            }
        }
        return BigInteger.valueOf(c[k]);
    }

    /** C(m, k), saturating at Long.MAX_VALUE. */
    static long binomial(int m, int k) {
        if (k < 0 || k > m) {
            return 0;
        }
        double r = 1;
        for (int j = 1; j <= k; j++) {
            r = r * (m - k + j) / j;
        }
        return r >= Long.MAX_VALUE ? Long.MAX_VALUE : Math.round(r);
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

    /**
     * One parallel step of Glauber dynamics: neurons 0 .. N-1 in turn draw the next double of thermal and take
     * glauber's spin for their field at sigma; returns the new state.
     */
    public int[] parallel(int[] sigma, Glauber glauber, org.apache.commons.rng.UniformRandomProvider thermal) {
        int[] next = new int[sigma.length];
        for (int i = 0; i < sigma.length; i++) {
            next[i] = glauber.spin(field(sigma, i).longValueExact(), thermal.nextDouble());
        }
        return next;
    }

    /**
     * One sequential sweep of Glauber dynamics: neurons order[0], order[1], ... in turn draw the next double of
     * thermal and take glauber's spin for their field at the current state; returns the new state.
     */
    public int[] sequential(int[] sigma, int[] order, Glauber glauber, org.apache.commons.rng.UniformRandomProvider thermal) {
        int[] s = sigma.clone();
        for (int i : order) {
            s[i] = glauber.spin(field(s, i).longValueExact(), thermal.nextDouble());
        }
        return s;
    }

    private static int update(int signOfField, int old) {
        return signOfField == 0 ? old : signOfField;
    }
}
