package dam.core.model;

/**
 * The one success criterion of the project (docs/physics.md section 3): a trajectory retrieved the pattern if
 * its final overlap reaches the threshold, m(T) &gt;= m_success. Simulation, theory and every table use it.
 */
public final class Retrieval {

    private Retrieval() {
    }

    /** True if the final overlap m(T) reaches the success threshold mSuccess. */
    public static boolean succeeded(double finalOverlap, double mSuccess) {
        return finalOverlap >= mSuccess;
    }
}
