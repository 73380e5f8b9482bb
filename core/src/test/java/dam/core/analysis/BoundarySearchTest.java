package dam.core.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.analysis.BoundarySearch.Direction;
import dam.core.analysis.BoundaryStop.Reason;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class BoundarySearchTest {

    private static final BoundarySearch M0 = BoundarySearch.of(0, 1, 0.02, 4000, 1, Direction.RISING);
    private static final SyntheticCurve CURVE = new SyntheticCurve(0.6437, 0.03, 0, true);

    @Test
    void roundZeroScansSevenEvenlySpacedLatticePointsOnFreshPatternSets() {
        BoundarySearch search = BoundarySearch.of(0, 1, 0.02, 4000, 10, Direction.RISING);
        BoundaryRound round = assertInstanceOf(BoundaryRound.class, search.next(List.of()));
        assertEquals(0, round.round());
        assertEquals(200, search.cells());
        double[] x = {0, 0.165, 0.335, 0.5, 0.665, 0.835, 1};
        assertEquals(x.length, round.runs().size());
        for (int i = 0; i < x.length; i++) {
            PlannedRun run = round.runs().get(i);
            assertEquals(x[i], run.x(), 1e-12);
            assertEquals(i * BoundarySearch.COARSE_SETS * 10, run.firstTrial());
            assertEquals(BoundarySearch.COARSE_SETS * 10, run.trials());
        }
    }

    @Test
    void latticeEndsAreExactlyFromAndTo() {
        BoundarySearch search = new BoundarySearch(0.05, 0.3, 0.005, 4000, 1, Direction.FALLING, 203);
        assertEquals(0.05, search.lattice(0));
        assertEquals(0.3, search.lattice(203));
        assertThrows(IllegalArgumentException.class, () -> search.lattice(204));
    }

    @Test
    void theNextStepDependsOnTheCommittedSetsNotOnTheirOrder() {
        List<CommittedSet> rows = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            rows.addAll(CURVE.run((BoundaryRound) M0.next(rows), 1, 5));
        }
        BoundaryStep step = M0.next(rows);
        List<CommittedSet> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, new Random(3));
        BoundarySearch twin = BoundarySearch.of(0, 1, 0.02, 4000, 1, Direction.RISING);
        assertEquals(step, twin.next(shuffled));
        assertEquals(2, ((BoundaryRound) step).round());
    }

    @Test
    void aRoundCommittedInPartIsPlannedAgainAsAWhole() {
        List<CommittedSet> rows = new ArrayList<>(CURVE.run((BoundaryRound) M0.next(List.of()), 1, 5));
        BoundaryRound round = (BoundaryRound) M0.next(rows);
        List<CommittedSet> sets = CURVE.run(round, 1, 5);
        List<CommittedSet> partial = new ArrayList<>(rows);
        partial.addAll(sets.subList(0, sets.size() / 2));
        assertEquals(round, M0.next(partial));
        rows.addAll(sets);
        BoundaryStep after = M0.next(rows);
        assertTrue(after instanceof BoundaryStop || ((BoundaryRound) after).round() == 2, "the next round follows: " + after);
    }

    @Test
    void everyPatternSetRunsOnceAtOnePointInConsecutiveWholeSets() {
        BoundarySearch search = BoundarySearch.of(0, 1, 0.02, 8000, 10, Direction.RISING);
        SyntheticCurve curve = new SyntheticCurve(0.3, 0.02, 2.3, true);
        List<CommittedSet> rows = new ArrayList<>();
        int expectedFirst = 0;
        BoundaryStep step;
        while ((step = search.next(rows)) instanceof BoundaryRound round) {
            for (PlannedRun run : round.runs()) {
                assertEquals(expectedFirst, run.firstTrial(), "sets follow the highest committed one: " + round);
                assertEquals(0, run.trials() % 10);
                expectedFirst += run.trials();
            }
            rows.addAll(curve.run(round, 10, 11));
        }
        BoundaryStop stop = (BoundaryStop) step;
        assertEquals(expectedFirst, stop.trials());
        assertEquals(expectedFirst / 10, stop.sets());
        assertEquals(rows.size(), stop.sets());
    }

    static Stream<Arguments> stops() {
        return Stream.of(
                Arguments.of("inside", 0.6437, 4000, Reason.WIDTH),
                Arguments.of("below from", -0.2, 4000, Reason.RANGE),
                Arguments.of("above to", 1.3, 4000, Reason.RANGE),
                Arguments.of("small budget", 0.6437, 150, Reason.BUDGET));
    }

    @ParameterizedTest(name = "boundary {0}: {3}")
    @MethodSource("stops")
    void stopsForTheRightReason(String where, double centre, int maxTrials, Reason reason) {
        BoundarySearch search = BoundarySearch.of(0, 1, 0.02, maxTrials, 1, Direction.RISING);
        BoundaryStop stop = new SyntheticCurve(centre, 0.03, 0, true).search(search, 7, new ArrayList<>());
        assertEquals(reason, stop.reason(), stop.toString());
        assertTrue(stop.trials() <= maxTrials, "within the budget: " + stop);
        switch (reason) {
            case WIDTH -> {
                assertTrue(stop.width() <= 0.02, stop.toString());
                assertTrue(stop.lower() <= centre && centre <= stop.upper(), "covers the centre: " + stop);
            }
            case RANGE -> {
                assertTrue(Double.isNaN(stop.centre()));
                assertEquals(centre < 0 ? 0.0 : Double.NaN, stop.upper());
                assertEquals(centre < 0 ? Double.NaN : 1.0, stop.lower());
            }
            case BUDGET -> assertTrue(stop.width() > 0.02, stop.toString());
        }
    }

    @ParameterizedTest(name = "scale {0}")
    @CsvSource({"0.0001", "0.001", "0.003"})
    void aCurveSteeperThanTheLatticeIsBracketedToACellOrTwo(double scale) {
        List<CommittedSet> rows = new ArrayList<>();
        BoundaryStop stop = new SyntheticCurve(0.6437, scale, 0, true).search(M0, 3, rows);
        assertEquals(Reason.WIDTH, stop.reason(), stop.toString());
        assertTrue(stop.lower() <= 0.6437 && 0.6437 <= stop.upper(), stop.toString());
        assertTrue(stop.rounds() <= 4, "rounds: " + stop);
        assertTrue(stop.trials() <= 250, "trials: " + stop);
    }

    @Test
    void everyRoundRunsEachPointOnceInAscendingOrder() {
        for (double scale : new double[] {0.001, 0.03}) {
            List<CommittedSet> rows = new ArrayList<>();
            BoundaryStep step;
            SyntheticCurve curve = new SyntheticCurve(0.41, scale, 0, true);
            while ((step = M0.next(rows)) instanceof BoundaryRound round) {
                for (int i = 1; i < round.runs().size(); i++) {
                    assertTrue(round.runs().get(i - 1).x() < round.runs().get(i).x(), round.toString());
                }
                rows.addAll(curve.run(round, 1, 2));
            }
        }
    }

    @ParameterizedTest(name = "S = {0}, centre {1}")
    @CsvSource({"1, 0.31", "10, 0.77"})
    void aFallingSearchMirrorsTheRisingOneWithSuccessAndFailureExchanged(int S, double centre) {
        BoundarySearch rising = BoundarySearch.of(0.05, 1.0, 0.02, 6000, S, Direction.RISING);
        BoundarySearch falling = BoundarySearch.of(0.05, 1.0, 0.02, 6000, S, Direction.FALLING);
        List<CommittedSet> up = new ArrayList<>();
        List<CommittedSet> down = new ArrayList<>();
        BoundaryStop a = new SyntheticCurve(centre, 0.03, S > 1 ? 2.3 : 0, true).search(rising, 9, up);
        BoundaryStop b = new SyntheticCurve(centre, 0.03, S > 1 ? 2.3 : 0, false).search(falling, 9, down);
        assertEquals(a, b);
        assertEquals(up.size(), down.size());
        for (int i = 0; i < up.size(); i++) {
            assertEquals(up.get(i).trials() - up.get(i).successes(), down.get(i).successes());
        }
    }

    @ParameterizedTest(name = "max-trials {0}")
    @CsvSource({"1, 1", "7, 1", "100, 10", "333, 10", "1000, 1"})
    void noRoundPlansPastTheBudget(int maxTrials, int S) {
        BoundarySearch search = BoundarySearch.of(0, 1, 0.01, maxTrials, S, Direction.RISING);
        List<CommittedSet> rows = new ArrayList<>();
        BoundaryStop stop = new SyntheticCurve(0.5, 0.1, 0, true).search(search, 1, rows);
        assertTrue(rows.size() * S <= maxTrials, rows.size() + " sets of " + S);
        assertEquals(Reason.BUDGET, stop.reason());
    }

    static Stream<Arguments> foreignRows() {
        UnaryOperator<CommittedSet> wrongX = c -> new CommittedSet(c.round(), c.x() + 0.005, c.set(), c.successes(), c.trials());
        UnaryOperator<CommittedSet> pastPlan = c -> new CommittedSet(c.round(), c.x(), c.set() + 10_000, c.successes(), c.trials());
        UnaryOperator<CommittedSet> tooMany = c -> new CommittedSet(c.round(), c.x(), c.set(), c.successes(), c.trials() + 1);
        UnaryOperator<CommittedSet> laterRound = c -> new CommittedSet(c.round() + 2, c.x(), c.set(), c.successes(), c.trials());
        return Stream.of(Arguments.of("x off the plan", wrongX), Arguments.of("a set past the plan", pastPlan),
                Arguments.of("more trials than S", tooMany), Arguments.of("a round skipped", laterRound));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("foreignRows")
    void committedSetsTheRoundsDidNotPlanAreRefused(String what, UnaryOperator<CommittedSet> change) {
        List<CommittedSet> rows = new ArrayList<>(CURVE.run((BoundaryRound) M0.next(List.of()), 1, 5));
        rows.addAll(CURVE.run((BoundaryRound) M0.next(rows), 1, 5));
        CommittedSet last = rows.remove(rows.size() - 1);
        rows.add(change.apply(last));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> M0.next(rows));
        assertTrue(e.getMessage().startsWith("committed: ") || e.getMessage().startsWith("trials: "), e.getMessage());
    }

    @Test
    void aPatternSetCommittedTwiceIsRefused() {
        List<CommittedSet> rows = new ArrayList<>(CURVE.run((BoundaryRound) M0.next(List.of()), 1, 5));
        rows.add(rows.get(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> M0.next(rows));
        assertTrue(e.getMessage().contains("appears twice"), e.getMessage());
    }

    static Stream<Arguments> badConfigs() {
        return Stream.of(
                Arguments.of("from, to", (Runnable) () -> BoundarySearch.of(1, 0, 0.02, 100, 1, Direction.RISING)),
                Arguments.of("width", (Runnable) () -> BoundarySearch.of(0, 1, 0, 100, 1, Direction.RISING)),
                Arguments.of("width", (Runnable) () -> BoundarySearch.of(0, 1, 1, 100, 1, Direction.RISING)),
                Arguments.of("max-trials", (Runnable) () -> BoundarySearch.of(0, 1, 0.02, 0, 1, Direction.RISING)),
                Arguments.of("states-per-pattern-set", (Runnable) () -> BoundarySearch.of(0, 1, 0.02, 100, 0, Direction.RISING)),
                Arguments.of("direction", (Runnable) () -> BoundarySearch.of(0, 1, 0.02, 100, 1, null)),
                Arguments.of("width", (Runnable) () -> BoundarySearch.of(0, 1, 0.0009, 100, 1, Direction.RISING)),
                Arguments.of("cells", (Runnable) () -> new BoundarySearch(0, 1, 0.02, 100, 1, Direction.RISING, 1)),
                Arguments.of("cells", (Runnable) () -> new BoundarySearch(0, 1, 0.02, 100, 1, Direction.RISING, 4001)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badConfigs")
    void badConfigurationIsRefusedNamingTheField(String field, Runnable make) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, make::run);
        assertTrue(e.getMessage().startsWith(field + ": "), e.getMessage());
    }
}
