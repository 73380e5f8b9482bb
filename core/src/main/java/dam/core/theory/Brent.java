package dam.core.theory;

import java.util.function.DoubleUnaryOperator;

/**
 * Brent's methods (Algorithms for Minimization without Derivatives, 1973) for a continuous function of one variable:
 * a root in a bracket with a sign change (inverse quadratic interpolation safeguarded by bisection), and the maximum
 * of a unimodal function in an interval (parabolic interpolation safeguarded by golden sections).
 */
final class Brent {

    private static final double EPS = Math.ulp(1.0);
    private static final double GOLDEN = 0.5 * (3 - Math.sqrt(5));

    private Brent() {
    }

    /** A root of f in [a, b], where f(a) and f(b) differ in sign (or one is 0), to within tol + 4 eps |x|. */
    static double root(DoubleUnaryOperator f, double a, double b, double tol) {
        double fa = f.applyAsDouble(a);
        double fb = f.applyAsDouble(b);
        if (fa == 0) {
            return a;
        }
        if (fb == 0) {
            return b;
        }
        if (Math.signum(fa) == Math.signum(fb)) {
            throw new IllegalArgumentException("bracket: f has the same sign at both ends, f(" + a + ") = " + fa
                    + ", f(" + b + ") = " + fb);
        }
        double c = a;
        double fc = fa;
        double d = b - a;
        double e = d;
        for (int iteration = 0; iteration < 300; iteration++) {
            if (Math.signum(fb) == Math.signum(fc)) {
                c = a;
                fc = fa;
                d = b - a;
                e = d;
            }
            if (Math.abs(fc) < Math.abs(fb)) {
                a = b;
                b = c;
                c = a;
                fa = fb;
                fb = fc;
                fc = fa;
            }
            double tol1 = 2 * EPS * Math.abs(b) + 0.5 * tol;
            double xm = 0.5 * (c - b);
            if (Math.abs(xm) <= tol1 || fb == 0) {
                return b;
            }
            if (Math.abs(e) >= tol1 && Math.abs(fa) > Math.abs(fb)) {
                double s = fb / fa;
                double p;
                double q;
                if (a == c) {
                    p = 2 * xm * s;
                    q = 1 - s;
                } else {
                    double qa = fa / fc;
                    double r = fb / fc;
                    p = s * (2 * xm * qa * (qa - r) - (b - a) * (r - 1));
                    q = (qa - 1) * (r - 1) * (s - 1);
                }
                if (p > 0) {
                    q = -q;
                }
                p = Math.abs(p);
                if (2 * p < Math.min(3 * xm * q - Math.abs(tol1 * q), Math.abs(e * q))) {
                    e = d;
                    d = p / q;
                } else {
                    d = xm;
                    e = d;
                }
            } else {
                d = xm;
                e = d;
            }
            a = b;
            fa = fb;
            b += Math.abs(d) > tol1 ? d : Math.copySign(tol1, xm);
            fb = f.applyAsDouble(b);
        }
        return b;
    }

    /** The point of [a, b] where the unimodal f is largest, to within tol + sqrt(eps) |x|. */
    static double maximum(DoubleUnaryOperator f, double a, double b, double tol) {
        double x = a + GOLDEN * (b - a);
        double w = x;
        double v = x;
        double fx = -f.applyAsDouble(x);
        double fw = fx;
        double fv = fx;
        double d = 0;
        double e = 0;
        for (int iteration = 0; iteration < 300; iteration++) {
            double xm = 0.5 * (a + b);
            double tol1 = Math.sqrt(EPS) * Math.abs(x) + tol / 3;
            double tol2 = 2 * tol1;
            if (Math.abs(x - xm) <= tol2 - 0.5 * (b - a)) {
                return x;
            }
            boolean golden = true;
            if (Math.abs(e) > tol1) {
                double r = (x - w) * (fx - fv);
                double q = (x - v) * (fx - fw);
                double p = (x - v) * q - (x - w) * r;
                q = 2 * (q - r);
                if (q > 0) {
                    p = -p;
                }
                q = Math.abs(q);
                double eOld = e;
                e = d;
                if (Math.abs(p) < Math.abs(0.5 * q * eOld) && p > q * (a - x) && p < q * (b - x)) {
                    d = p / q;
                    double u = x + d;
                    if (u - a < tol2 || b - u < tol2) {
                        d = Math.copySign(tol1, xm - x);
                    }
                    golden = false;
                }
            }
            if (golden) {
                e = (x >= xm ? a : b) - x;
                d = GOLDEN * e;
            }
            double u = x + (Math.abs(d) >= tol1 ? d : Math.copySign(tol1, d));
            double fu = -f.applyAsDouble(u);
            if (fu <= fx) {
                if (u >= x) {
                    a = x;
                } else {
                    b = x;
                }
                v = w;
                fv = fw;
                w = x;
                fw = fx;
                x = u;
                fx = fu;
            } else {
                if (u < x) {
                    a = u;
                } else {
                    b = u;
                }
                if (fu <= fw || w == x) {
                    v = w;
                    fv = fw;
                    w = u;
                    fw = fu;
                } else if (fu <= fv || v == x || v == w) {
                    v = u;
                    fv = fu;
                }
            }
        }
        return x;
    }
}
