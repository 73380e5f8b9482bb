package dam.jobs.config;

import java.util.List;

/**
 * The theory part of a sweep: whether to solve the effective process and how precisely.
 *
 * @param enabled       solve the theory once per (n, alpha, m0) and a theory basin boundary per (n, alpha)
 * @param paths         number M of sampled paths of the effective process
 * @param basinTol      tolerance in m0 of the theory basin boundary bisection
 * @param horizons      the phase diagram's ladder of horizons T, ascending ([steps] unless configured)
 * @param capacitySeeds seeds of the phase diagram's capacity bisection per n (their spread estimates the
 *                      M-sampling error of alpha_c(T))
 */
public record TheoryConfig(boolean enabled, int paths, double basinTol, List<Integer> horizons, int capacitySeeds) {

    /** Copies the horizons. */
    public TheoryConfig {
        horizons = List.copyOf(horizons);
    }

    /** The horizons as an array. */
    public int[] horizonArray() {
        return horizons.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The largest horizon. */
    public int maxHorizon() {
        return horizons.get(horizons.size() - 1);
    }
}
