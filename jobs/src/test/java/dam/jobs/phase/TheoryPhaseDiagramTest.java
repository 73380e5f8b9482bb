package dam.jobs.phase;

import static dam.core.model.MemoryModel.DENSE;
import static dam.core.model.MemoryModel.PBODY;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.HorizonExtrapolation;
import dam.core.analysis.LadderBisection;

class TheoryPhaseDiagramTest {

    private static final Diagram D2 = new Diagram(DENSE, 2, 0);
    private static final Diagram D3 = new Diagram(DENSE, 3, 0);

    private static final TheoryPhaseDiagram SETTINGS = new TheoryPhaseDiagram(List.of(20), 1000, 1, 1, 0.5, 0.005, 0.01, 4);

    @Test
    void loadsAreFractionsOfTheRetrievingEndOfTheCapacityBracketPlusTheExtraOnes() {
        TheoryPhaseDiagram.HorizonCapacity c = new TheoryPhaseDiagram.HorizonCapacity(new Diagram(DENSE, 3, 0), 20, 0.15, 0.148, 0.152, 0.001, 0);
        List<Double> loads = SETTINGS.loads(c, List.of(0.05, 0.2, 0.074));
        double[] expected = {0.037, 0.05, 0.074, 0.111, 0.148, 0.2};
        assertEquals(expected.length, loads.size(), loads.toString());
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], loads.get(i), 1e-15, loads.toString());
        }
    }

    @Test
    void withoutACapacityOnlyTheExtraLoadsAreDrawn() {
        TheoryPhaseDiagram.HorizonCapacity none = new TheoryPhaseDiagram.HorizonCapacity(new Diagram(DENSE, 4, 0), 20, Double.NaN, Double.NaN, 0.001, Double.NaN, 0);
        assertEquals(List.of(0.1, 0.2), SETTINGS.loads(none, List.of(0.2, 0.1)));
    }

    @Test
    void missingBoundariesAreStoredAsNull() {
        Row r = PhaseDiagramTables.theoryRow(new Diagram(PBODY, 2, 0.3), 0.3, 20,
                new BasinBoundary(Double.NaN, 1.0, Double.NaN, BasinBoundary.BISECTION));
        assertEquals("pbody", r.getAs("model"));
        assertEquals(0.3, (double) r.getAs("temperature"));
        assertEquals("theory", r.getAs("source"));
        assertTrue(r.isNullAt(r.fieldIndex("neurons")) && r.isNullAt(r.fieldIndex("m0c")) && r.isNullAt(r.fieldIndex("m0c_hi")));
        assertEquals(1.0, (double) r.getAs("m0c_lo"));
        assertEquals(20, (int) r.getAs("steps"));
        Row capacity = PhaseDiagramTables.capacityRow(
                new TheoryPhaseDiagram.HorizonCapacity(new Diagram(DENSE, 2, 0), 20, Double.NaN, 0.5, Double.NaN, Double.NaN, 0), 10, 1);
        assertTrue(capacity.isNullAt(capacity.fieldIndex("alpha_c")));
        assertEquals("ladder", capacity.getAs("method"));
    }

    @Test
    void seedsCombineIntoTheirMeanWithTheSpreadAndTheBracketWidthAsTheError() {
        List<Row> seeds = List.of(org.apache.spark.sql.RowFactory.create(2, 0, 40, 0.150, 0.152, 0),
                org.apache.spark.sql.RowFactory.create(2, 1, 40, 0.154, 0.156, 1));
        TheoryPhaseDiagram.HorizonCapacity c = TheoryPhaseDiagram.combine(new Diagram(DENSE, 2, 0), 40, seeds);
        assertEquals(0.153, c.alphaC(), 1e-12);
        assertEquals(0.150, c.lower(), 0);
        assertEquals(0.156, c.upper(), 0);
        assertEquals(1, c.violations());
        double spread = Math.pow(0.004, 2) / 2 / 2; // sample variance of (0.151, 0.155) over 2 seeds
        double bisection = 0.002 / Math.sqrt(12);
        assertEquals(Math.sqrt(spread + bisection * bisection), c.se(), 1e-12);
    }

    @Test
    void aBoundaryLadderOfKnownFormExtrapolatesToItsLimitInAnExtrapolatedRow() {
        // m0_c(T) = 0.35 + 0.5 T^-0.7, bisected to within 0.004 around the true value at each horizon
        int[] horizons = {20, 40, 80, 160, 320, 640};
        List<LadderBisection.Bracket> brackets = new java.util.ArrayList<>();
        for (int i = 0; i < horizons.length; i++) {
            double m0c = 0.35 + 0.5 * Math.pow(horizons[i], -0.7);
            double offset = 0.0015 * (i % 2 == 0 ? 1 : -1); // the truth is not the midpoint
            brackets.add(new LadderBisection.Bracket(horizons[i], m0c - 0.002 + offset, m0c + 0.002 + offset, 0));
        }
        HorizonExtrapolation fit = TheoryPhaseDiagram.extrapolateBoundary(brackets);
        assertTrue(fit.lower() <= 0.35 && 0.35 <= fit.upper(), fit.toString());
        assertTrue(fit.upper() - fit.lower() < 0.05, fit.toString());
        assertEquals(0.004 / Math.sqrt(12), fit.sigmas()[0], 1e-15, "capacity/'s error model: bracket width / sqrt(12)");
        assertEquals(horizons.length - 3, fit.dof());

        Row r = PhaseDiagramTables.extrapolatedTheoryRow(D2, 0.1, fit);
        assertEquals("theory", r.getAs("source"));
        assertTrue(r.isNullAt(r.fieldIndex("neurons")) && r.isNullAt(r.fieldIndex("steps")), "no neurons, steps null: " + r);
        assertEquals(0.1, (double) r.getAs("alpha"));
        assertEquals(fit.limit(), (double) r.getAs("m0c"));
        assertEquals(fit.lower(), (double) r.getAs("m0c_lo"));
        assertEquals(fit.upper(), (double) r.getAs("m0c_hi"));
    }

    @Test
    void aBoundaryRisingOutOfTheRangeOfM0HasItsLimitOnTheBoundOneAndAnIntervalInsideTheRange() {
        // m0_c(T) = 1.3 - 2 T^-0.5: at T -> infinity above 1, no m0 retrieves (a load above alpha_c(infinity))
        int[] horizons = {20, 40, 80, 160};
        List<LadderBisection.Bracket> rising = new java.util.ArrayList<>();
        List<LadderBisection.Bracket> flat = new java.util.ArrayList<>();
        for (int steps : horizons) {
            double m0c = 1.3 - 2 * Math.pow(steps, -0.5);
            rising.add(new LadderBisection.Bracket(steps, m0c - 0.002, m0c + 0.002, 0));
            flat.add(new LadderBisection.Bracket(steps, 0.148, 0.152, 0));
        }
        HorizonExtrapolation above = TheoryPhaseDiagram.extrapolateBoundary(rising);
        Row top = PhaseDiagramTables.extrapolatedTheoryRow(D3, 0.2, above);
        assertTrue(above.atBound(), above.toString());
        assertEquals(1.0, (double) top.getAs("m0c"), "the constrained limit is the bound itself");
        assertEquals(1.0, (double) top.getAs("m0c_hi"), "and so is the interval's upper end");
        assertTrue((double) top.getAs("m0c_lo") < 1 && (double) top.getAs("m0c_lo") >= 0, top.toString());
        // A flat ladder does not bound the limit (a T^-b with small b drifts anywhere): the interval is [0, 1].
        HorizonExtrapolation fit = TheoryPhaseDiagram.extrapolateBoundary(flat);
        Row r = PhaseDiagramTables.extrapolatedTheoryRow(D3, 0.05, fit);
        double lo = r.getAs("m0c_lo");
        double hi = r.getAs("m0c_hi");
        assertEquals(0.15, (double) r.getAs("m0c"), 1e-9);
        assertTrue(lo >= 0 && hi <= 1 && lo <= 0.15 && hi >= 0.15, r.toString());
    }

    @Test
    void aBoundaryFoundAtFewerThanFourHorizonsIsNotExtrapolated() {
        List<LadderBisection.Bracket> brackets = List.of(new LadderBisection.Bracket(20, 0.40, 0.41, 0),
                new LadderBisection.Bracket(40, 0.42, 0.43, 0), new LadderBisection.Bracket(80, 0.43, 0.44, 0),
                new LadderBisection.Bracket(160, 0.99, Double.NaN, 0)); // no failure up to m0 = 1 at T = 160
        assertNull(TheoryPhaseDiagram.extrapolateBoundary(brackets));
    }

    @Test
    void anExtrapolationNeedsFourHorizonsWithAnEstimate() {
        List<TheoryPhaseDiagram.HorizonCapacity> three = List.of(
                new TheoryPhaseDiagram.HorizonCapacity(new Diagram(DENSE, 2, 0), 20, 0.19, 0.189, 0.191, 0.0005, 0),
                new TheoryPhaseDiagram.HorizonCapacity(new Diagram(DENSE, 2, 0), 40, 0.16, 0.159, 0.161, 0.0005, 0),
                new TheoryPhaseDiagram.HorizonCapacity(new Diagram(DENSE, 2, 0), 80, 0.15, 0.149, 0.151, 0.0005, 0),
                new TheoryPhaseDiagram.HorizonCapacity(new Diagram(DENSE, 2, 0), 160, Double.NaN, Double.NaN, 0.01, Double.NaN, 0));
        assertNull(TheoryPhaseDiagram.extrapolate(three));
    }

    @Test
    void badSettingsAreRejectedNamingTheField() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TheoryPhaseDiagram(List.of(20), 1000, 1, 1, 0.5, 0.005, 0.01, 0));
        assertTrue(e.getMessage().startsWith("alphaPoints:"), e.getMessage());
    }
}
