/**
 * Exact simulation of the dense associative memory (Krotov and Hopfield's F(x) = x^n) and of the p-body memory,
 * under sign dynamics (temperature 0) or Glauber dynamics (temperature &gt; 0), docs/physics.md section 1.
 *
 * <p>Entry point: {@link dam.core.sim.TrialRunner} runs the trials of one grid point (model, n, N, alpha, m0,
 * temperature), each a pure function of (base seed, grid point, trial index). Underneath:
 * <ul>
 *   <li>{@link dam.core.sim.PatternMatrix}: the p x N patterns, bit-packed (rows) and byte-sliced (columns);</li>
 *   <li>{@link dam.core.sim.FieldCoefficients}: a(b), d(b) of the model's {@link dam.core.model.CavityPolynomial}
 *       (D(c) of {@link dam.core.model.Interaction}, E(c) = e_{n-1} of {@link dam.core.model.ElementarySymmetric})
 *       and the run-time proof that the field fits the arithmetic used;</li>
 *   <li>{@link dam.core.sim.ParallelStep}, the kernel of one parallel step (overlap groups counted in bit planes),
 *       tested against ReferenceStep (the literal rules in BigInteger, in the test sources);</li>
 *   <li>{@link dam.core.sim.SequentialSweep}: one sweep of sequential dynamics, O(p N) with the overlaps kept up
 *       to date;</li>
 *   <li>{@link dam.core.sim.Glauber}: the stochastic update from the exact integer field at temperature &gt; 0;</li>
 *   <li>{@link dam.core.sim.Lanes}: SIMD lanes of the JDK Vector API for both when the JVM has the module
 *       jdk.incubator.vector, scalar words otherwise (identical results);</li>
 *   <li>{@link dam.core.sim.InitialState}: sigma(0) at overlap m0, exact or bernoulli.</li>
 * </ul>
 * The benchmarks and their baseline kernels (DenseIntStep, LookupTableStep) live in the bench module, outside the
 * production jars.
 */
package dam.core.sim;
