package dam.jobs.sweep;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import dam.core.analysis.BasinBoundary;
import dam.core.sim.TrialResult;
import dam.core.theory.TheoryResult;
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class a sweep sends between driver and executors, so Spark can run with
 * spark.kryo.registrationRequired=true. Records get explicit serializers: Kryo's field serializer
 * cannot set a record's final fields on Java 17.
 */
public final class DamKryoRegistrator implements KryoRegistrator {

    /** Our own and core's classes that cross the wire (for tests that check each one). */
    public static final List<Class<?>> SHIPPED = List.of(GridPoint.class, WorkUnit.class, TheoryKey.class,
            UnitResult.class, PointSummary.class, TheoryBasin.class, TrialResult.class, TheoryResult.class,
            BasinBoundary.class);

    /** Spark's own classes that a sweep's jobs send and Spark 4.2 does not register itself (found by running with registrationRequired). */
    static final List<String> SPARK_CLASSES = List.of(
            // Parquet schema inference (reading a table back without a schema) ships footers' schemas.
            "org.apache.spark.sql.types.StructType",
            "org.apache.spark.sql.types.StructType[]",
            "org.apache.spark.sql.types.StructField",
            "org.apache.spark.sql.types.StructField[]",
            "org.apache.spark.sql.types.ArrayType",
            "org.apache.spark.sql.types.IntegerType$",
            "org.apache.spark.sql.types.LongType$",
            "org.apache.spark.sql.types.DoubleType$",
            "org.apache.spark.sql.types.BooleanType$",
            "org.apache.spark.sql.types.StringType",
            "org.apache.spark.sql.types.StringType$",
            "org.apache.spark.sql.types.Metadata",
            "scala.collection.immutable.Map$EmptyMap$",
            "scala.collection.immutable.Map$Map1",
            "scala.collection.immutable.HashMap");

    @Override
    public void registerClasses(Kryo kryo) {
        kryo.register(GridPoint.class, new GridPointSerializer());
        kryo.register(WorkUnit.class, new WorkUnitSerializer());
        kryo.register(TheoryKey.class, new TheoryKeySerializer());
        kryo.register(TrialResult.class, new TrialResultSerializer());
        kryo.register(UnitResult.class, new UnitResultSerializer());
        kryo.register(PointSummary.class, new PointSummarySerializer());
        kryo.register(TheoryResult.class, new TheoryResultSerializer());
        kryo.register(BasinBoundary.class, new BasinBoundarySerializer());
        kryo.register(TheoryBasin.class, new TheoryBasinSerializer());
        kryo.register(GridPoint[].class);
        kryo.register(WorkUnit[].class);
        kryo.register(TheoryKey[].class);
        kryo.register(TrialResult[].class);
        kryo.register(UnitResult[].class);
        kryo.register(PointSummary[].class);
        kryo.register(TheoryResult[].class);
        kryo.register(TheoryBasin[].class);
        kryo.register(double[].class);
        kryo.register(double[][].class);
        kryo.register(int[].class);
        kryo.register(Object[].class);
        kryo.register(java.util.ArrayList.class);
        kryo.register(scala.Tuple2.class);
        kryo.register(scala.Tuple2[].class);
        for (String name : SPARK_CLASSES) {
            try {
                kryo.register(arrayOrPlain(name));
            } catch (ClassNotFoundException e) {
                // A Spark internal that this Spark version does not have: nothing to register.
            }
        }
    }

    private static Class<?> arrayOrPlain(String name) throws ClassNotFoundException {
        Class<?> c = Class.forName(name.replace("[]", ""), false, DamKryoRegistrator.class.getClassLoader());
        return name.endsWith("[]") ? c.arrayType() : c;
    }

    private static void writeDoubles(Output out, double[] a) {
        out.writeInt(a.length, true);
        out.writeDoubles(a);
    }

    private static double[] readDoubles(Input in) {
        return in.readDoubles(in.readInt(true));
    }

    private static void writeInts(Output out, int[] a) {
        out.writeInt(a.length, true);
        out.writeInts(a);
    }

    private static int[] readInts(Input in) {
        return in.readInts(in.readInt(true));
    }

    static final class GridPointSerializer extends Serializer<GridPoint> {
        @Override
        public void write(Kryo kryo, Output out, GridPoint g) {
            out.writeInt(g.n());
            out.writeInt(g.neurons());
            out.writeDouble(g.alpha());
            out.writeDouble(g.m0());
            out.writeInt(g.p());
        }

        @Override
        public GridPoint read(Kryo kryo, Input in, Class<GridPoint> type) {
            return new GridPoint(in.readInt(), in.readInt(), in.readDouble(), in.readDouble(), in.readInt());
        }
    }

    static final class WorkUnitSerializer extends Serializer<WorkUnit> {
        @Override
        public void write(Kryo kryo, Output out, WorkUnit u) {
            kryo.writeObject(out, u.point());
            out.writeInt(u.first());
            out.writeInt(u.count());
            out.writeInt(u.steps());
        }

        @Override
        public WorkUnit read(Kryo kryo, Input in, Class<WorkUnit> type) {
            return new WorkUnit(kryo.readObject(in, GridPoint.class), in.readInt(), in.readInt(), in.readInt());
        }
    }

    static final class TheoryKeySerializer extends Serializer<TheoryKey> {
        @Override
        public void write(Kryo kryo, Output out, TheoryKey k) {
            out.writeInt(k.n());
            out.writeDouble(k.alpha());
            out.writeDouble(k.m0());
        }

        @Override
        public TheoryKey read(Kryo kryo, Input in, Class<TheoryKey> type) {
            return new TheoryKey(in.readInt(), in.readDouble(), in.readDouble());
        }
    }

    static final class TrialResultSerializer extends Serializer<TrialResult> {
        @Override
        public void write(Kryo kryo, Output out, TrialResult r) {
            out.writeInt(r.trial());
            writeDoubles(out, r.overlap());
            writeDoubles(out, r.flips());
            out.writeInt(r.fixedPointTime());
            out.writeInt(r.cycleTime());
        }

        @Override
        public TrialResult read(Kryo kryo, Input in, Class<TrialResult> type) {
            return new TrialResult(in.readInt(), readDoubles(in), readDoubles(in), in.readInt(), in.readInt());
        }
    }

    static final class UnitResultSerializer extends Serializer<UnitResult> {
        @Override
        public void write(Kryo kryo, Output out, UnitResult u) {
            kryo.writeObject(out, u.unit());
            out.writeInt(u.trials().length, true);
            for (TrialResult r : u.trials()) {
                kryo.writeObject(out, r);
            }
            out.writeLong(u.kernelNanos());
        }

        @Override
        public UnitResult read(Kryo kryo, Input in, Class<UnitResult> type) {
            WorkUnit unit = kryo.readObject(in, WorkUnit.class);
            TrialResult[] rs = new TrialResult[in.readInt(true)];
            for (int i = 0; i < rs.length; i++) {
                rs[i] = kryo.readObject(in, TrialResult.class);
            }
            return new UnitResult(unit, rs, in.readLong());
        }
    }

    static final class PointSummarySerializer extends Serializer<PointSummary> {
        @Override
        public void write(Kryo kryo, Output out, PointSummary s) {
            kryo.writeObject(out, s.point());
            out.writeInt(s.trials());
            out.writeInt(s.successes());
            out.writeInt(s.censored());
            out.writeInt(s.cycles());
            writeDoubles(out, s.convTimes());
            writeDoubles(out, s.meanM());
            writeDoubles(out, s.sdM());
            writeInts(out, s.setSuccesses());
            writeInts(out, s.setTrials());
            out.writeBoolean(s.seM() != null);
            if (s.seM() != null) {
                writeDoubles(out, s.seM());
            }
            out.writeDouble(s.convTimeSe());
            out.writeDouble(s.convTimeMedianLo());
            out.writeDouble(s.convTimeMedianHi());
        }

        @Override
        public PointSummary read(Kryo kryo, Input in, Class<PointSummary> type) {
            return new PointSummary(kryo.readObject(in, GridPoint.class), in.readInt(), in.readInt(), in.readInt(),
                    in.readInt(), readDoubles(in), readDoubles(in), readDoubles(in), readInts(in), readInts(in),
                    in.readBoolean() ? readDoubles(in) : null, in.readDouble(), in.readDouble(), in.readDouble());
        }
    }

    static final class TheoryResultSerializer extends Serializer<TheoryResult> {
        @Override
        public void write(Kryo kryo, Output out, TheoryResult r) {
            out.writeInt(r.n());
            out.writeDouble(r.alpha());
            out.writeDouble(r.m0());
            writeDoubles(out, r.overlap());
            writeMatrix(out, r.correlation());
            writeMatrix(out, r.response());
            out.writeInt(r.paths());
            out.writeLong(r.seed());
        }

        @Override
        public TheoryResult read(Kryo kryo, Input in, Class<TheoryResult> type) {
            return new TheoryResult(in.readInt(), in.readDouble(), in.readDouble(), readDoubles(in), readMatrix(in),
                    readMatrix(in), in.readInt(), in.readLong());
        }

        private static void writeMatrix(Output out, double[][] a) {
            out.writeInt(a.length, true);
            for (double[] row : a) {
                writeDoubles(out, row);
            }
        }

        private static double[][] readMatrix(Input in) {
            double[][] a = new double[in.readInt(true)][];
            for (int i = 0; i < a.length; i++) {
                a[i] = readDoubles(in);
            }
            return a;
        }
    }

    static final class BasinBoundarySerializer extends Serializer<BasinBoundary> {
        @Override
        public void write(Kryo kryo, Output out, BasinBoundary b) {
            out.writeDouble(b.m0c());
            out.writeDouble(b.lower());
            out.writeDouble(b.upper());
            out.writeString(b.method());
        }

        @Override
        public BasinBoundary read(Kryo kryo, Input in, Class<BasinBoundary> type) {
            return new BasinBoundary(in.readDouble(), in.readDouble(), in.readDouble(), in.readString());
        }
    }

    static final class TheoryBasinSerializer extends Serializer<TheoryBasin> {
        @Override
        public void write(Kryo kryo, Output out, TheoryBasin b) {
            out.writeInt(b.n());
            out.writeDouble(b.alpha());
            kryo.writeObjectOrNull(out, b.boundary(), BasinBoundary.class);
        }

        @Override
        public TheoryBasin read(Kryo kryo, Input in, Class<TheoryBasin> type) {
            return new TheoryBasin(in.readInt(), in.readDouble(), kryo.readObjectOrNull(in, BasinBoundary.class));
        }
    }
}
