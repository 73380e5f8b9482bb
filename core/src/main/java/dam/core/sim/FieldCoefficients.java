package dam.core.sim;

import dam.core.Require;
import dam.core.model.CavityPolynomial;
import dam.core.model.MemoryModel;
import java.math.BigInteger;

/**
 * The coefficients a(b) and d(b) of a model's {@link CavityPolynomial} (the dense model's
 * {@link dam.core.model.Interaction}, the p-body model's {@link dam.core.model.ElementarySymmetric}) tabulated for
 * every overlap b that N neurons can produce (|b| &lt;= N, b = N mod 2), and the run-time range proof of the field.
 * Both models' a(b) and d(b) are integers there, so every kernel computes the model's field h_i itself, exactly.
 *
 * <p>Why the kernels may compute in wrapping int or long arithmetic: every field h_i is a sum of the terms
 * +-a(b_mu) and +-d(b_mu), so |h_i| &lt;= bound = sum_mu |a(b_mu)| + |sum_mu d(b_mu)|, and every partial sum
 * the kernels form is a sub-sum of the same terms. Java int (long) arithmetic is exact modulo 2^32 (2^64);
 * when the bound is below 2^31 (2^63) the true h_i is the unique value of that residue in the type's range,
 * whatever the intermediate wrap-arounds. So one exact bound per state and step proves the whole field exact.
 */
public final class FieldCoefficients {

    /** Below this bound the int kernels are exact. */
    public static final long INT_LIMIT = 1L << 31;

    private final MemoryModel model;
    private final CavityPolynomial cavity;
    private final int n;
    private final int N;
    private final long[] a;      // a(b) modulo 2^64, index (b + N) / 2
    private final long[] d;      // d(b) modulo 2^64
    private final long[] absA;   // |a(b)|, or Long.MAX_VALUE when it does not fit
    private final boolean[] exact; // true when both a(b) and d(b) fit in a long

    /** Tabulates a(b), d(b) of the dense model, F(x) = x^n, for N neurons. */
    public FieldCoefficients(int n, int N) {
        this(MemoryModel.DENSE, n, N);
    }

    /** Tabulates a(b), d(b) of the model at order n for N neurons. */
    public FieldCoefficients(MemoryModel model, int n, int N) {
        Require.atLeast("n", n, 2);
        Require.atLeast("N", N, 2);
        CavityPolynomial f = CavityPolynomial.of(model, n, N);
        this.model = model;
        this.cavity = f;
        this.n = n;
        this.N = N;
        a = new long[N + 1];
        d = new long[N + 1];
        absA = new long[N + 1];
        exact = new boolean[N + 1];
        for (int k = 0; k <= N; k++) {
            int b = 2 * k - N;
            BigInteger ab = f.a(b);
            BigInteger db = f.d(b);
            a[k] = ab.longValue();
            d[k] = db.longValue();
            exact[k] = ab.bitLength() < 64 && db.bitLength() < 64;
            absA[k] = ab.bitLength() < 63 ? Math.abs(ab.longValue()) : Long.MAX_VALUE;
        }
    }

    /** The memory model. */
    public MemoryModel model() {
        return model;
    }

    /** The model's cavity polynomial, whose a(b) and d(b) these are. */
    public CavityPolynomial cavity() {
        return cavity;
    }

    /** The interaction order n. */
    public int n() {
        return n;
    }

    /** The number of neurons N. */
    public int N() {
        return N;
    }

    /** a(b) modulo 2^64 (exact whenever the field bound is below 2^63). */
    public long a(int b) {
        return a[index(b)];
    }

    /** d(b) modulo 2^64 (exact whenever the field bound is below 2^63). */
    public long d(int b) {
        return d[index(b)];
    }

    /** |a(b)|, exactly. @throws ArithmeticException naming n and N when a(b) or d(b) does not fit in a long */
    public long exactAbsA(int b) {
        int idx = index(b);
        if (!exact[idx] || absA[idx] == Long.MAX_VALUE) {
            throw overflow();
        }
        return absA[idx];
    }

    /** d(b), exactly. @throws ArithmeticException naming n and N when a(b) or d(b) does not fit in a long */
    public long exactD(int b) {
        int idx = index(b);
        if (!exact[idx] || absA[idx] == Long.MAX_VALUE) {
            throw overflow();
        }
        return d[idx];
    }

    private int index(int b) {
        return (b + N) >> 1;
    }

    /**
     * The exact bound sum_mu |a(b_mu)| + |sum_mu d(b_mu)| over b[from .. from + count), at the given stride.
     *
     * @throws ArithmeticException naming n and N when the bound is 2^63 or more (then even long could overflow)
     */
    public long bound(int[] b, int from, int count, int stride) {
        long sumAbsA = 0;
        long sumD = 0;
        try {
            for (int k = 0, at = from; k < count; k++, at += stride) {
                int idx = index(b[at]);
                if (!exact[idx] || absA[idx] == Long.MAX_VALUE) {
                    throw new ArithmeticException();
                }
                sumAbsA = Math.addExact(sumAbsA, absA[idx]);
                sumD = Math.addExact(sumD, d[idx]);
            }
            return Math.addExact(sumAbsA, Math.absExact(sumD));
        } catch (ArithmeticException e) {
            throw overflow();
        }
    }

    /**
     * The same exact bound from a histogram: count[k] patterns have overlap b = 2k - N (k = 0..N).
     *
     * @throws ArithmeticException naming n and N when the bound is 2^63 or more
     */
    public long boundFromHistogram(int[] count) {
        long sumAbsA = 0;
        long sumD = 0;
        try {
            for (int k = 0; k <= N; k++) {
                if (count[k] != 0) {
                    if (!exact[k] || absA[k] == Long.MAX_VALUE) {
                        throw new ArithmeticException();
                    }
                    sumAbsA = Math.addExact(sumAbsA, Math.multiplyExact(absA[k], count[k]));
                    sumD = Math.addExact(sumD, Math.multiplyExact(d[k], count[k]));
                }
            }
            return Math.addExact(sumAbsA, Math.absExact(sumD));
        } catch (ArithmeticException e) {
            throw overflow();
        }
    }

    /** The error thrown when the field may not fit in a long. */
    public ArithmeticException overflow() {
        return new ArithmeticException("field overflow at n=" + n + ", N=" + N
                + (model == MemoryModel.DENSE ? "" : " (model " + model.key() + ")")
                + ": |h_i| can reach 2^63 or more, beyond exact long arithmetic (use smaller n or N)");
    }
}
