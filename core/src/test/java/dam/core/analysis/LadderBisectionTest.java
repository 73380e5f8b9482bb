package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LadderBisectionTest {

    /** Thresholds falling with T, as alpha_c(T) does: x holds at horizon k while x < thresholds[k]. */
    private static boolean[] below(double x, double[] thresholds) {
        boolean[] out = new boolean[thresholds.length];
        for (int k = 0; k < thresholds.length; k++) {
            out[k] = x < thresholds[k];
        }
        return out;
    }

    @Test
    void everyHorizonsBracketHoldsItsOwnThresholdToWithinTheTolerance() {
        double[] thresholds = {0.31, 0.22, 0.171, 0.1703};
        LadderBisection ladder = new LadderBisection(new int[] {10, 20, 40, 80}, x -> below(x, thresholds));
        List<LadderBisection.Bracket> brackets = ladder.search(0.1, 0.01, 10);
        for (int k = 0; k < thresholds.length; k++) {
            LadderBisection.Bracket b = brackets.get(k);
            assertTrue(b.lower() < thresholds[k] && thresholds[k] <= b.upper(), b.toString());
            assertTrue(b.upper() - b.lower() <= 0.01 * b.lower(), b.toString());
            assertEquals(0, b.violations());
        }
        // one shared sequence of evaluations: far fewer than four separate searches (about 9 each)
        assertTrue(ladder.evaluations() < 4 * 9, "evaluations: " + ladder.evaluations());
    }

    @Test
    void theSearchStopsDoublingAtItsMaximumAndLeavesThatHorizonWithoutAnUpperEnd() {
        LadderBisection ladder = new LadderBisection(new int[] {2, 20}, x -> new boolean[] {true, x < 0.15});
        List<LadderBisection.Bracket> brackets = ladder.search(0.1, 0.01, 10);
        assertTrue(Double.isNaN(brackets.get(0).upper()) && brackets.get(0).lower() == 10, brackets.get(0).toString());
        assertTrue(brackets.get(1).lower() < 0.15 && 0.15 <= brackets.get(1).upper(), brackets.get(1).toString());
        assertTrue(ladder.evaluations() < 20, "evaluations: " + ladder.evaluations());
    }

    @Test
    void aSingleHorizonEvaluatesExactlyWhereAPlainBisectionDoes() {
        List<Double> ladderPoints = new ArrayList<>();
        List<Double> plainPoints = new ArrayList<>();
        LadderBisection.Bracket b = new LadderBisection(new int[] {20}, x -> {
            ladderPoints.add(x);
            return new boolean[] {x < 0.4321};
        }).bisect(0, 1, 0.01).get(0);
        BasinBoundary plain = BasinBoundary.bisect(x -> {
            plainPoints.add(x);
            return x >= 0.4321;
        }, 0, 1, 0.01);
        assertEquals(plainPoints, ladderPoints);
        assertEquals(plain, b.basinBoundary());
    }

    @Test
    void aPredicateThatHoldsAboveTheFailingEndIsCountedAsAViolation() {
        // holds below 0.3 and again on [0.55, 0.6): not monotone in x
        LadderBisection ladder = new LadderBisection(new int[] {5},
                x -> new boolean[] {x < 0.3 || (x >= 0.55 && x < 0.6)});
        ladder.bisect(0, 1, 0.01);
        ladder.bisect(0.55, 0.56, 0.01); // evaluate inside the island too
        LadderBisection.Bracket b = ladder.brackets().get(0);
        assertTrue(b.lower() < 0.3 && 0.3 <= b.upper(), b.toString());
        assertTrue(b.violations() >= 1, b.toString());
    }

    @Test
    void missingEndsAreNaNOnTheSideThatWasNeverSeen() {
        LadderBisection.Bracket always = new LadderBisection(new int[] {3}, x -> new boolean[] {true}).bisect(0, 1, 0.1).get(0);
        assertTrue(Double.isNaN(always.upper()) && always.lower() == 1 && Double.isNaN(always.estimate()), always.toString());
        LadderBisection.Bracket never = new LadderBisection(new int[] {3}, x -> new boolean[] {false}).bisect(0, 1, 0.1).get(0);
        assertTrue(Double.isNaN(never.lower()) && never.upper() == 0, never.toString());
    }

    @Test
    void aLadderThatIsNotStrictlyAscendingIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new LadderBisection(new int[] {20, 20}, x -> new boolean[2]));
        assertTrue(e.getMessage().startsWith("horizons:"), e.getMessage());
    }

    @ParameterizedTest(name = "thresholds {0}, {1} from hi = {2}")
    @CsvSource({"0.5826, 0.58, 1", "3.3, 0.9, 1", "0.3, 0.25, 0.5", "0, 0, 1"})
    void upwardBisectionFromALowerEndBracketsEveryHorizonsThreshold(double first, double second, double hi) {
        // a critical temperature: holds below the threshold, which may lie above the first upper guess or at lo itself
        double[] thresholds = {first, second};
        LadderBisection ladder = new LadderBisection(new int[] {50, 400}, x -> new boolean[] {x < first, x < second});
        List<LadderBisection.Bracket> brackets = ladder.bisectUpward(0, hi, 0.001, 8);
        for (int k = 0; k < 2; k++) {
            LadderBisection.Bracket b = brackets.get(k);
            if (thresholds[k] == 0) {
                assertTrue(Double.isNaN(b.lower()) && b.upper() == 0, b.toString());
                continue;
            }
            assertTrue(b.lower() < thresholds[k] && thresholds[k] <= b.upper(), b.toString());
            assertTrue(b.upper() - b.lower() <= 0.001, b.toString());
            assertEquals(0, b.violations());
        }
    }

    @Test
    void upwardBisectionStopsDoublingAtItsMaximum() {
        LadderBisection ladder = new LadderBisection(new int[] {2, 20}, x -> new boolean[] {true, x < 0.6});
        List<LadderBisection.Bracket> brackets = ladder.bisectUpward(0, 1, 0.01, 5);
        assertTrue(Double.isNaN(brackets.get(0).upper()) && brackets.get(0).lower() == 5, brackets.get(0).toString());
        assertTrue(brackets.get(1).lower() < 0.6 && 0.6 <= brackets.get(1).upper(), brackets.get(1).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ladder.bisectUpward(0, 1, 0.01, 0.5));
        assertTrue(e.getMessage().startsWith("max:"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> ladder.bisectUpward(-2, -1, 0.01, 5));
        assertTrue(e.getMessage().startsWith("hi:"), e.getMessage());
    }
}
