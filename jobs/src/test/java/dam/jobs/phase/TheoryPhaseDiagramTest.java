package dam.jobs.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.Capacity;

class TheoryPhaseDiagramTest {

    private static final TheoryPhaseDiagram SETTINGS = new TheoryPhaseDiagram(20, 1000, 1, 0.5, 0.005, 0.01, 4);

    @Test
    void loadsAreFractionsOfTheRetrievingEndOfTheCapacityBracketPlusTheExtraOnes() {
        Capacity c = new Capacity(3, 0.15, 0.148, 0.152);
        List<Double> loads = SETTINGS.loads(c, List.of(0.05, 0.2, 0.074));
        double[] expected = {0.037, 0.05, 0.074, 0.111, 0.148, 0.2};
        assertEquals(expected.length, loads.size(), loads.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], loads.get(i), 1e-15, loads.toString());
        }
    }

    @Test
    void withoutACapacityOnlyTheExtraLoadsAreDrawn() {
        Capacity none = new Capacity(4, Double.NaN, Double.NaN, 0.001);
        assertEquals(List.of(0.1, 0.2), SETTINGS.loads(none, List.of(0.2, 0.1)));
    }

    @Test
    void missingBoundariesAreStoredAsNull() {
        Row r = PhaseDiagramTables.theoryRow(2, 0.3, new BasinBoundary(Double.NaN, 1.0, Double.NaN, BasinBoundary.BISECTION));
        assertEquals("theory", r.getString(1));
        assertTrue(r.isNullAt(2) && r.isNullAt(4) && r.isNullAt(6));
        assertEquals(1.0, r.getDouble(5));
        assertNull(PhaseDiagramTables.capacityRow(new Capacity(2, Double.NaN, 0.5, Double.NaN), 20, 10).get(1));
    }

    @Test
    void badSettingsAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TheoryPhaseDiagram(20, 1000, 1, 0.5, 0.005, 0.01, 0));
        assertTrue(e.getMessage().startsWith("alphaPoints:"), e.getMessage());
    }
}
