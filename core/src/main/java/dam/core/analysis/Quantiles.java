package dam.core.analysis;

import dam.core.Require;
import java.util.Arrays;

/** Sample quantiles by linear interpolation between order statistics (Hyndman and Fan type 7, numpy's default). */
public final class Quantiles {

    private Quantiles() {
    }

    /** The q-quantile (0 &lt;= q &lt;= 1) of the values, type 7; NaN for no values. */
    public static double of(double[] values, double q) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return ofSorted(sorted, q);
    }

    /** The q-quantile (0 &lt;= q &lt;= 1) of values already sorted ascending, type 7; NaN for no values. */
    public static double ofSorted(double[] sorted, double q) {
        Require.within("q", q, 0, 1);
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double h = (sorted.length - 1) * q;
        int below = (int) Math.floor(h);
        int above = Math.min(below + 1, sorted.length - 1);
        double lower = sorted[below];
        double upper = sorted[above];
        double weight = h - below;
        // Equal neighbours (possibly infinite) give that value; an infinite neighbour with weight > 0 gives the
        // limit of the interpolation (never NaN).
        if (lower == upper || weight == 0) {
            return lower;
        }
        if (lower == Double.NEGATIVE_INFINITY || upper == Double.POSITIVE_INFINITY) {
            return lower == Double.NEGATIVE_INFINITY ? lower : upper;
        }
        return lower + weight * (upper - lower);
    }

    /** The median (type 7) of the values; NaN for no values. */
    public static double median(double[] values) {
        return of(values, 0.5);
    }
}
