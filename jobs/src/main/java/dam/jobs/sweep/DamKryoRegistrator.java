package dam.jobs.sweep;

import com.esotericsoftware.kryo.Kryo;
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
import java.util.List;
import org.apache.spark.serializer.KryoRegistrator;

/**
 * Registers every class a sweep sends between driver and executors, so Spark can run with
 * spark.kryo.registrationRequired=true. Every shipped type is a record and gets a {@link RecordSerializer}: Kryo's
 * field serializer cannot set a record's final fields on Java 17, and the record serializer reads the field order
 * from the record itself.
 */
public final class DamKryoRegistrator implements KryoRegistrator {

    /** Our own and core's classes that cross the wire (for tests that check each one). */
    public static final List<Class<? extends Record>> SHIPPED = List.of(GridPoint.class, WorkUnit.class, TheoryKey.class,
            UnitResult.class, PointSummary.class, PointSummary.Peak.class, ClusterMean.class, TheoryBasin.class,
            TrialResult.class, TheoryResult.class, BasinBoundary.class, TheorySummary.class, OverlapPeak.class,
            TrialMeasures.class, SolvedTheory.class, ClusteredProportion.class);

    /**
     * Spark's own classes that a sweep's jobs send and Spark does not register itself (found by running with
     * registrationRequired on 4.2; sweeps on Spark 3.5.9 and 4.3.0 clusters need no others).
     */
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
        for (Class<? extends Record> type : SHIPPED) {
            register(kryo, type);
            kryo.register(type.arrayType());
        }
        // an enum component of shipped records (GridPoint.model, TheoryResult.model): Kryo's default enum serializer
        kryo.register(MemoryModel.class);
        kryo.register(double[].class);
        kryo.register(double[][].class);
        kryo.register(int[].class);
        kryo.register(Object[].class);
        kryo.register(java.util.ArrayList.class);
        kryo.register(java.util.HashMap.class); // a batch's theory summaries, broadcast to the grid/ tasks
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

    private static <T extends Record> void register(Kryo kryo, Class<T> type) {
        kryo.register(type, new RecordSerializer<>(type));
    }

    private static Class<?> arrayOrPlain(String name) throws ClassNotFoundException {
        Class<?> c = Class.forName(name.replace("[]", ""), false, DamKryoRegistrator.class.getClassLoader());
        return name.endsWith("[]") ? c.arrayType() : c;
    }
}
