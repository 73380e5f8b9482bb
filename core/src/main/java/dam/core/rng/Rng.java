package dam.core.rng;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * The engine's one generator and its one mixing function: every random number of a simulation, a theory solution or
 * a bootstrap comes from {@link #create} on a seed made by {@link #mix} or {@link #substream}. Changing either
 * changes every table; the pinned reference values in the tests (SeedsPinnedValuesTest and its siblings) say so.
 */
public final class Rng {

    /** 2^64 / phi, the SplitMix64 increment. */
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private Rng() {
    }

    /** A new XoRoShiRo128++ generator (Commons RNG) seeded from {@code seed}: the generator of every stream. */
    public static UniformRandomProvider create(long seed) {
        return RandomSource.XO_RO_SHI_RO_128_PP.create(seed);
    }

    /** Folds base and the values into one well-mixed 64-bit seed (the {@link #finalise} step after each value). */
    public static long mix(long base, long... values) {
        long h = finalise(base);
        for (long v : values) {
            h = finalise(h + GOLDEN + finalise(v + GOLDEN));
        }
        return h;
    }

    /**
     * The seed of sub-stream {@code stream} &gt;= 0 of {@code seed}: element stream + 1 of the SplitMix64 sequence
     * started at seed, so that the sub-streams of one seed are distinct and well mixed.
     */
    public static long substream(long seed, int stream) {
        return finalise(seed + GOLDEN * (stream + 1L));
    }

    /** The SplitMix64 / Stafford variant 13 finaliser: a bijection on 64-bit values with full avalanche. */
    public static long finalise(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
