package dam.core.analysis;

/**
 * The largest overlap of a trajectory and when it is first reached: the transient-retrieval measure (docs/physics.md
 * section 3). Above capacity or outside the basin m(t) can rise high before the state leaves the pattern; max_t m(t)
 * against m0 is the transient-recovery curve.
 *
 * @param value max over t = 0..T of m(t)
 * @param time  the first t at which m(t) equals that maximum
 */
public record OverlapPeak(double value, int time) {

    /** The peak of m(0..T). */
    public static OverlapPeak of(double[] m) {
        if (m.length == 0) {
            throw new IllegalArgumentException("m: needs at least m(0)");
        }
        int at = 0;
        for (int t = 1; t < m.length; t++) {
            if (m[t] > m[at]) {
                at = t;
            }
        }
        return new OverlapPeak(m[at], at);
    }
}
