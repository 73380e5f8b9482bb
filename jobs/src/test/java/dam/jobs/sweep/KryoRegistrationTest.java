package dam.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dam.core.analysis.BasinBoundary;
import dam.core.analysis.ClusterMean;
import dam.core.analysis.ClusteredProportion;
import dam.core.analysis.OverlapPeak;
import dam.core.model.MemoryModel;
import dam.core.sim.TrialResult;
import dam.core.theory.TheoryResult;
import dam.jobs.grid.GridPoint;
import dam.jobs.grid.TheoryKey;
import dam.jobs.summary.PointSummary;
import dam.jobs.summary.TheorySummary;
import dam.jobs.summary.TrialMeasures;
import java.lang.reflect.Array;
import java.lang.reflect.RecordComponent;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

/** Every type a sweep ships survives Spark's registration-required Kryo with every field intact. */
class KryoRegistrationTest {

    private static SerializerInstance kryo() {
        SparkConf conf = new SparkConf(false);
        for (Map.Entry<String, String> e : SweepSession.fixedSettings().entrySet()) {
            conf.set(e.getKey(), e.getValue());
        }
        return new KryoSerializer(conf).newInstance();
    }

    @SuppressWarnings("unchecked")
    private static <T> T roundTrip(T value) {
        SerializerInstance k = kryo();
        ByteBuffer bytes = k.serialize(value, ClassTag$.MODULE$.apply(Object.class));
        return (T) k.deserialize(bytes, ClassTag$.MODULE$.apply(Object.class));
    }

    private static final GridPoint POINT = new GridPoint(MemoryModel.PBODY, 3, 64, 0.2, 0.1, 0.5, 410);
    private static final ClusterMean MEAN = new ClusterMean(0.9, 0.01, 4);
    private static final OverlapPeak PEAK = new OverlapPeak(0.95, 3);
    private static final TrialResult TRIAL = new TrialResult(7, 11L, 13L, new double[]{0.5, 0.75, 1.0}, new double[]{0.125, 0.25}, 1, 2, 17L);
    private static final BasinBoundary BOUNDARY = new BasinBoundary(0.4, 0.3, 0.5, "logistic");
    private static final TrialMeasures MEASURES = new TrialMeasures(3, true, true, PEAK);
    private static final ClusteredProportion SUCCESS = new ClusteredProportion(30, 40, 4, 1.5, 0.6, 0.9);
    private static final TheoryResult THEORY = new TheoryResult(MemoryModel.PBODY, 3, 0.1, 0.2, 0.5,
            new double[]{0.5, 0.6}, new double[][]{{1, 0.3}, {0.3, 1}}, new double[][]{{0, 0}, {0.2, 0}}, 1000, 42L);
    private static final TheorySummary THEORY_SUMMARY = new TheorySummary(new double[]{0.5, 0.9}, 1, 0.9, true, PEAK);

    /** One instance of every shipped type with no field at its default (0, false, null or an empty array). */
    private static final Map<Class<?>, Record> SAMPLES = Map.ofEntries(
            Map.entry(GridPoint.class, POINT),
            Map.entry(WorkUnit.class, new WorkUnit(POINT, 10, 20, 15)),
            Map.entry(TheoryKey.class, new TheoryKey(MemoryModel.PBODY, 3, 0.2, 0.1, 0.5)),
            Map.entry(UnitResult.class, new UnitResult(new WorkUnit(POINT, 1, 2, 3), new TrialResult[]{TRIAL, TRIAL},
                    new TrialMeasures[]{MEASURES, MEASURES}, 99L)),
            Map.entry(PointSummary.class, new PointSummary(POINT, 40, 30, 2, 1, new double[]{1, 2},
                    new double[]{0.5, 0.9}, new double[]{0.1, 0.2}, new int[]{10, 8, 7, 5}, new int[]{10, 10, 10, 10},
                    new double[]{0.05, 0.07}, SUCCESS, 1.5, 0.4, 1.5, 1.0, 3.0, 1.25, 1.75,
                    new PointSummary.Peak(MEAN, MEAN))),
            Map.entry(PointSummary.Peak.class, new PointSummary.Peak(MEAN, new ClusterMean(4.5, 0.5, 4))),
            Map.entry(ClusterMean.class, MEAN),
            Map.entry(TheoryBasin.class, new TheoryBasin(MemoryModel.PBODY, 3, 0.2, 0.1,
                    new BasinBoundary(0.4, 0.35, 0.45, "bisection"))),
            Map.entry(TheorySummary.class, THEORY_SUMMARY),
            Map.entry(TrialMeasures.class, MEASURES),
            Map.entry(SolvedTheory.class, new SolvedTheory(THEORY, THEORY_SUMMARY)),
            Map.entry(ClusteredProportion.class, SUCCESS),
            Map.entry(OverlapPeak.class, PEAK),
            Map.entry(TrialResult.class, TRIAL),
            Map.entry(TheoryResult.class, THEORY),
            Map.entry(BasinBoundary.class, BOUNDARY));

    @Test
    void everyFieldOfEveryShippedTypeSurvivesARegistrationRequiredKryo() {
        assertEquals(DamKryoRegistrator.SHIPPED.size(), SAMPLES.size(), "a sample per shipped type");
        for (Class<? extends Record> type : DamKryoRegistrator.SHIPPED) {
            Record sample = SAMPLES.get(type);
            assertEquals(type, sample.getClass(), "the sample of " + type.getSimpleName());
            assertNoDefaultField(sample, type.getSimpleName());
            Record back = roundTrip(sample);
            assertNotSame(sample, back);
            assertSameValue(sample, back, type.getSimpleName());
        }
    }

    @Test
    void nullComponentsAndArraysOfShippedTypesSurvive() {
        TheoryBasin noBoundary = new TheoryBasin(MemoryModel.DENSE, 3, 0.0, 0.1, null);
        assertSameValue(noBoundary, roundTrip(noBoundary), "TheoryBasin without boundary");
        PointSummary oneSet = new PointSummary(POINT, 1, 1, 0, 0, new double[]{1}, new double[]{1, 1},
                new double[]{0, 0}, new int[]{1}, new int[]{1}, null, SUCCESS, 1, Double.NaN, 1, Double.NaN, Double.NaN,
                1, 1,
                new PointSummary.Peak(new ClusterMean(1, Double.NaN, 1), new ClusterMean(2, Double.NaN, 1)));
        PointSummary back = roundTrip(oneSet);
        assertNull(back.seM());
        assertSameValue(oneSet, back, "PointSummary of one set");
        assertSameValue(new GridPoint[]{POINT, null}, roundTrip(new GridPoint[]{POINT, null}), "GridPoint[]");
        assertEquals(2, roundTrip(new PointSummary[2]).length);
    }

    @Test
    void theCheckerSeesADifferenceInsideAnArray() {
        TrialResult other = new TrialResult(7, 11L, 13L, new double[]{0.5, 0.75, 0.875}, new double[]{0.125, 0.25}, 1, 2);
        assertThrows(AssertionError.class, () -> assertSameValue(TRIAL, other, "TrialResult"));
        assertThrows(AssertionError.class, () -> assertNoDefaultField(new TheoryBasin(MemoryModel.DENSE, 3, 0.0, 0.1, null), "TheoryBasin"));
    }

    @Test
    void anUnregisteredClassIsRefused() {
        record Stray(int x) {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> roundTrip(new Stray(1)));
        assertTrue(e.getMessage().contains("Class is not registered"), e.getMessage());
    }

    /** Every component of the record is set: not 0, false, null or an empty array (so a lost field shows). */
    private static void assertNoDefaultField(Record r, String where) {
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v = component(r, c);
            String at = where + "." + c.getName();
            assertTrue(v != null, at + " is null");
            if (v instanceof Number number) {
                assertTrue(number.doubleValue() != 0, at + " is 0");
            } else if (v instanceof Boolean b) {
                assertTrue(b, at + " is false");
            } else if (v.getClass().isArray()) {
                assertTrue(Array.getLength(v) > 0, at + " is empty");
            } else if (v instanceof String s) {
                assertFalse(s.isEmpty(), at + " is empty");
            }
        }
    }

    /** Equal component by component, arrays by content and doubles by their bits, nested records recursively. */
    private static void assertSameValue(Object expected, Object actual, String where) {
        if (expected == null || actual == null) {
            assertEquals(expected, actual, where);
            return;
        }
        assertEquals(expected.getClass(), actual.getClass(), where);
        if (expected instanceof Record r) {
            for (RecordComponent c : r.getClass().getRecordComponents()) {
                assertSameValue(component(r, c), component((Record) actual, c), where + "." + c.getName());
            }
        } else if (expected.getClass().isArray()) {
            assertEquals(Array.getLength(expected), Array.getLength(actual), where + " length");
            for (int i = 0; i < Array.getLength(expected); i++) {
                assertSameValue(Array.get(expected, i), Array.get(actual, i), where + "[" + i + "]");
            }
        } else {
            assertEquals(expected, actual, where); // Double.equals compares bits: NaN equals NaN, 0.0 differs from -0.0
        }
    }

    private static Object component(Record r, RecordComponent c) {
        try {
            c.getAccessor().setAccessible(true);
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new AssertionError(e);
        }
    }
}
