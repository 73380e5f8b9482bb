package dam.core.analysis;

/**
 * The end of a boundary search: why it stopped and the boundary with its 95% interval, kept within the search range.
 * When the boundary lies outside the range the centre is NaN and the interval says on which side, as
 * {@link BasinBoundary#bisect} does: (NaN, NaN, from) for at or below from, (NaN, to, NaN) for above to.
 *
 * @param reason  why it stopped
 * @param centre  the boundary (m0_c, or alpha_c), NaN where it lies outside the range or was not found
 * @param lower   lower end of the 95% interval (-inf where none)
 * @param upper   upper end of the 95% interval (+inf where none)
 * @param method  how the centre was found ({@link BoundaryEstimate}'s methods)
 * @param rounds  the rounds run
 * @param trials  the trials committed
 * @param sets    the pattern sets committed
 */
public record BoundaryStop(Reason reason, double centre, double lower, double upper, String method, int rounds,
                           int trials, int sets) implements BoundaryStep {

    /** Why a search stopped. */
    public enum Reason {
        /** The 95% interval became narrower than the target width. */
        WIDTH,
        /** The next round would exceed max-trials. */
        BUDGET,
        /** The boundary lies outside [from, to]: the curve is past 1/2 at from, or short of it at to. */
        RANGE;

        /** The reason as the tables write it: width, budget or range. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /** upper - lower. */
    public double width() {
        return upper - lower;
    }

    /** The boundary as the basin tables hold it. */
    public BasinBoundary basinBoundary() {
        return new BasinBoundary(centre, lower, upper, method);
    }
}
