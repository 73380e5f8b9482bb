package dam.core.analysis;

/**
 * A binomial proportion with its Wilson score interval.
 *
 * @param successes number of successes k
 * @param trials    number of trials n &gt; 0
 * @param lower     lower end of the interval
 * @param upper     upper end of the interval
 */
public record ProportionInterval(int successes, int trials, double lower, double upper) {

    /** z for a two-sided 95% interval. */
    public static final double Z95 = 1.959963984540054;

    /** The observed fraction k / n. */
    public double fraction() {
        return (double) successes / trials;
    }

    /** The Wilson score interval of k successes in n trials at normal quantile z. */
    public static ProportionInterval wilson(int successes, int trials, double z) {
        if (trials <= 0 || successes < 0 || successes > trials) {
            throw new IllegalArgumentException("need 0 <= successes <= trials and trials > 0, got " + successes + "/" + trials);
        }
        double n = trials;
        double phat = successes / n;
        double z2 = z * z;
        double centre = (phat + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(phat * (1 - phat) / n + z2 / (4 * n * n));
        return new ProportionInterval(successes, trials, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** The 95% Wilson interval of k successes in n trials. */
    public static ProportionInterval wilson95(int successes, int trials) {
        return wilson(successes, trials, Z95);
    }
}
