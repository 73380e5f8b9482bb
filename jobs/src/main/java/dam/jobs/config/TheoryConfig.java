package dam.jobs.config;

/**
 * The theory part of a sweep: whether to solve the effective process and how precisely.
 *
 * @param enabled  solve the theory once per (n, alpha, m0) and a theory basin boundary per (n, alpha)
 * @param paths    number M of sampled paths of the effective process
 * @param basinTol tolerance in m0 of the theory basin boundary bisection
 */
public record TheoryConfig(boolean enabled, int paths, double basinTol) {
}
