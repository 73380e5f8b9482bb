package dam.jobs.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dam.core.analysis.BasinBoundary;
import dam.core.sim.TrialResult;
import dam.core.theory.TheoryResult;
import java.nio.ByteBuffer;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.serializer.KryoSerializer;
import org.apache.spark.serializer.SerializerInstance;
import org.junit.jupiter.api.Test;
import scala.reflect.ClassTag$;

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

    private static final GridPoint POINT = new GridPoint(3, 64, 0.1, 0.5, 410);
    private static final PointSummary SUMMARY = new PointSummary(POINT, 40, 30, 2, 1, new double[]{1, 2},
            new double[]{0.5, 0.9}, new double[]{0.1, 0.2}, new int[]{10, 8, 7, 5}, new int[]{10, 10, 10, 10},
            new double[]{0.05, 0.07}, 0.4, 1.0, 3.0);
    private static final TrialResult TRIAL = new TrialResult(7, new double[]{0.5, 0.75, 1.0}, new double[]{0.125, 0.0}, 1, -1);

    @Test
    void everyShippedTypeSurvivesARegistrationRequiredKryo() {
        TheoryResult theory = new TheoryResult(3, 0.1, 0.5, new double[]{0.5, 0.6},
                new double[][]{{1, 0.3}, {0.3, 1}}, new double[][]{{0, 0}, {0.2, 0}}, 1000, 42L);
        Map<Class<?>, Object> samples = Map.of(
                GridPoint.class, POINT,
                WorkUnit.class, new WorkUnit(POINT, 10, 20, 15),
                TheoryKey.class, new TheoryKey(3, 0.1, 0.5),
                UnitResult.class, new UnitResult(new WorkUnit(POINT, 0, 1, 2), new TrialResult[]{TRIAL}, 99L),
                PointSummary.class, SUMMARY,
                TheoryBasin.class, new TheoryBasin(3, 0.1, new BasinBoundary(0.4, 0.35, 0.45, "bisection")),
                TrialResult.class, TRIAL,
                TheoryResult.class, theory,
                BasinBoundary.class, new BasinBoundary(0.4, 0.3, 0.5, "logistic"));
        assertEquals(DamKryoRegistrator.SHIPPED.size(), samples.size(), "a sample per shipped type");
        for (Class<?> type : DamKryoRegistrator.SHIPPED) {
            Object back = roundTrip(samples.get(type));
            assertEquals(type, back.getClass());
        }
        TrialResult t = roundTrip(TRIAL);
        assertArrayEquals(TRIAL.overlap(), t.overlap());
        assertArrayEquals(TRIAL.flips(), t.flips());
        assertEquals(TRIAL.fixedPointTime(), t.fixedPointTime());
        TheoryResult th = roundTrip(theory);
        assertArrayEquals(theory.correlation()[1], th.correlation()[1]);
        assertEquals(theory.seed(), th.seed());
        assertEquals(new TheoryBasin(3, 0.1, null).n(), ((TheoryBasin) roundTrip(new TheoryBasin(3, 0.1, null))).n());
        assertEquals(POINT, roundTrip(new GridPoint[]{POINT})[0]);
        assertEquals(2, roundTrip(new PointSummary[2]).length);
        PointSummary s = roundTrip(SUMMARY);
        assertArrayEquals(SUMMARY.setSuccesses(), s.setSuccesses());
        assertArrayEquals(SUMMARY.setTrials(), s.setTrials());
        assertArrayEquals(SUMMARY.seM(), s.seM());
        assertEquals(SUMMARY.convTimeMedianHi(), s.convTimeMedianHi());
        PointSummary oneSet = new PointSummary(POINT, 1, 1, 0, 0, new double[]{1}, new double[]{1, 1},
                new double[]{0, 0}, new int[]{1}, new int[]{1}, null, Double.NaN, Double.NaN, Double.NaN);
        assertEquals(null, ((PointSummary) roundTrip(oneSet)).seM());
    }

    @Test
    void anUnregisteredClassIsRefused() {
        record Stray(int x) {
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> roundTrip(new Stray(1)));
        assertEquals(true, e.getMessage().contains("Class is not registered"));
    }
}
