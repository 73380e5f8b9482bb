package dam.core.sim;

import java.util.Locale;

/**
 * The word operations of the fast kernels: {@link #VECTOR}, SIMD lanes of the JDK Vector API, or {@link #SCALAR},
 * plain 64-bit words. Both give bit-identical results (the kernel-agreement tests run both); VECTOR is faster
 * where the CPU has wide vectors (bench/README.md).
 *
 * <p>{@link #best()} is VECTOR when the incubator module jdk.incubator.vector is in the JVM (started with
 * {@code --add-modules jdk.incubator.vector}, as bin/dam, the tests and the sweep's executors are) and the CPU's
 * preferred vectors hold at least four 64-bit lanes (AVX2 or AVX-512); otherwise SCALAR. The system property
 * {@code dam.lanes} = {@code auto} (default), {@code scalar} or {@code vector} overrides the choice.
 */
public enum Lanes {
    /** Plain 64-bit words: always available. */
    SCALAR,
    /** Vectors of the preferred species of the JDK Vector API: needs the module jdk.incubator.vector. */
    VECTOR;

    /** The system property that forces a choice: auto, scalar or vector. */
    public static final String PROPERTY = "dam.lanes";

    private static final String MODULE = "jdk.incubator.vector";

    /** The vector operations (null when the module is absent) and their lane count, loaded once. */
    private static final class VectorOps {
        static final WordOps OPS = (WordOps) load("dam.core.sim.VectorWordOps");
        static final ColumnOps COLUMN_OPS = OPS == null ? null : (ColumnOps) load("dam.core.sim.VectorColumnOps");
        static final int LANE_COUNT = OPS == null ? 0 : laneCount();

        private static Object load(String className) {
            if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
                return null; // the classes must not be loaded: they link against the module
            }
            try {
                return Class.forName(className).getDeclaredField("INSTANCE").get(null);
            } catch (ReflectiveOperationException | LinkageError e) {
                return null;
            }
        }

        private static int laneCount() {
            try {
                return (Integer) Class.forName("dam.core.sim.VectorWordOps").getDeclaredMethod("laneCount").invoke(null);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * The lanes this JVM uses by default: {@link #select} of the property {@code dam.lanes}, with the vector lanes
     * counted as available when the module is present and the CPU's vectors hold at least four 64-bit lanes.
     */
    public static Lanes best() {
        return select(System.getProperty(PROPERTY, "auto"), VECTOR.available() && VectorOps.LANE_COUNT >= 4);
    }

    /**
     * The choice for a value of the property {@code dam.lanes} when the vector lanes are (not) available.
     *
     * @throws IllegalArgumentException naming the property for an unknown value, or for {@code vector} when the
     *     vector lanes are not available
     */
    public static Lanes select(String property, boolean vectorAvailable) {
        switch (property.trim().toLowerCase(Locale.ROOT)) {
            case "auto":
                return vectorAvailable ? VECTOR : SCALAR;
            case "scalar":
                return SCALAR;
            case "vector":
                if (!vectorAvailable) {
                    throw new IllegalArgumentException(PROPERTY + ": vector lanes need the JVM option --add-modules "
                            + MODULE + " and a CPU with 256-bit or wider vectors");
                }
                return VECTOR;
            default:
                throw new IllegalArgumentException(PROPERTY + ": expected auto, scalar or vector, got '" + property + "'");
        }
    }

    /** True if these lanes can run in this JVM: always for SCALAR, for VECTOR when the module is present. */
    public boolean available() {
        return this == SCALAR || (VectorOps.OPS != null && VectorOps.COLUMN_OPS != null);
    }

    /** A one-line description for logs, e.g. "vector (8 x 64-bit lanes, jdk.incubator.vector)" or "scalar". */
    public String describe() {
        return this == VECTOR && !available() ? "vector (unavailable)" : ops().describe();
    }

    /** The operations of the parallel kernel on these lanes. @throws IllegalStateException for VECTOR when unavailable */
    WordOps ops() {
        if (this == SCALAR) {
            return ScalarWordOps.INSTANCE;
        }
        checkAvailable();
        return VectorOps.OPS;
    }

    /** The operations of the sequential sweep on these lanes. @throws IllegalStateException for VECTOR when unavailable */
    ColumnOps columnOps() {
        if (this == SCALAR) {
            return ScalarColumnOps.INSTANCE;
        }
        checkAvailable();
        return VectorOps.COLUMN_OPS;
    }

    private void checkAvailable() {
        if (!available()) {
            throw new IllegalStateException("vector lanes are not available in this JVM: start it with --add-modules "
                    + MODULE + " (see Lanes.best)");
        }
    }
}
