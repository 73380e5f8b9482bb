package dam.jobs.sweep;

import dam.jobs.config.SparkConfig;
import dam.jobs.config.SweepConfig;
import dam.jobs.config.ConfigError;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.SparkSession;

/**
 * Starts (or joins) the Spark session of a sweep: Kryo with every class registered, quiet logs, executors with the
 * Vector API module.
 */
public final class SweepSession {

    private SweepSession() {
    }

    /** Spark settings every sweep runs with; the config's spark.conf may add to them but not change the serializer. */
    public static Map<String, String> fixedSettings() {
        return Map.of(
                "spark.serializer", "org.apache.spark.serializer.KryoSerializer",
                "spark.kryo.registrationRequired", "true",
                "spark.kryo.registrator", DamKryoRegistrator.class.getName());
    }

    /**
     * SQL settings whose defaults differ between the Spark targets (3.5 and 4.x) or that decide how a table is
     * written, pinned so that every target writes the same tables (docs/spark-targets.md); like
     * {@link #fixedSettings()}, the config's spark.conf cannot change them.
     */
    public static Map<String, String> tableSettings() {
        return Map.ofEntries(
                // Default false on 3.5, true from 4.0: overflow and invalid casts fail instead of giving null or wrapping.
                Map.entry("spark.sql.ansi.enabled", "true"),
                Map.entry("spark.sql.storeAssignmentPolicy", "ANSI"),
                // EXCEPTION on 3.5, CORRECTED from 4.0 (dates before 1582 and timestamps before 1900, as they are).
                Map.entry("spark.sql.parquet.datetimeRebaseModeInWrite", "CORRECTED"),
                Map.entry("spark.sql.parquet.int96RebaseModeInWrite", "CORRECTED"),
                Map.entry("spark.sql.parquet.datetimeRebaseModeInRead", "CORRECTED"),
                Map.entry("spark.sql.parquet.int96RebaseModeInRead", "CORRECTED"),
                Map.entry("spark.sql.legacy.timeParserPolicy", "CORRECTED"),
                // Long.MaxValue on 3.5, 128m from 4.0: how many partitions a table read back is split into.
                Map.entry("spark.sql.maxSinglePartitionBytes", "128m"),
                // The same default on every target today; pinned so that no future default changes a file.
                Map.entry("spark.sql.parquet.compression.codec", "snappy"),
                Map.entry("spark.sql.parquet.writeLegacyFormat", "false"),
                Map.entry("spark.sql.parquet.fieldId.write.enabled", "true"),
                // The standard Parquet timestamp instead of Spark's INT96 default (no table has a timestamp column yet).
                Map.entry("spark.sql.parquet.outputTimestampType", "TIMESTAMP_MICROS"),
                Map.entry("spark.sql.timestampType", "TIMESTAMP_LTZ"),
                Map.entry("spark.sql.session.timeZone", "UTC"));
    }

    /** Quiets Spark's, Hadoop's and Parquet's logs unless --verbose or a user's log4j2 file asks for more ({@link LogLevels}). */
    public static void quietLogs() {
        LogLevels.apply();
    }

    /** The session for these settings; an already active session (a test's, a notebook's) is reused. */
    public static SparkSession start(SparkConfig spark) {
        quietLogs();
        SparkSession.Builder b = SparkSession.builder().master(spark.master()).appName(spark.appName())
                .config("spark.ui.showConsoleProgress", "false")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "8");
        for (Map.Entry<String, String> e : spark.conf().entrySet()) {
            b = b.config(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : fixedSettings().entrySet()) {
            b = b.config(e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : tableSettings().entrySet()) {
            b = b.config(e.getKey(), e.getValue());
        }
        // Executors the cluster starts get the Vector API module too, after any options of the config or spark-submit
        // (local mode runs the tasks in this JVM, which bin/dam starts with the module).
        String executorOptions = "spark.executor.extraJavaOptions";
        b = b.config(executorOptions, withVectorModule(spark.conf().getOrDefault(executorOptions,
                System.getProperty(executorOptions))));
        SparkSession session = b.getOrCreate();
        // Committed tables are read as lists of files (CommittedTables), one per batch; Spark lists more than
        // 32 paths with a Spark job that ships Hadoop Paths, which registration-required Kryo refuses. The driver
        // lists them itself instead (one status call per file, as the ledger check does anyway).
        session.conf().set("spark.sql.sources.parallelPartitionDiscovery.threshold", String.valueOf(Integer.MAX_VALUE));
        return session;
    }

    /** The JVM option that gives the simulation kernels their SIMD lanes (dam.core.sim.Lanes). */
    public static final String VECTOR_MODULE_OPTION = "--add-modules=jdk.incubator.vector";

    /**
     * Executor JVM options with the Vector API module added: the given options (null or blank for none), then
     * {@link #VECTOR_MODULE_OPTION} unless they already name the module.
     */
    public static String withVectorModule(String javaOptions) {
        String given = javaOptions == null ? "" : javaOptions.trim();
        if (given.contains("jdk.incubator.vector")) {
            return given;
        }
        return given.isEmpty() ? VECTOR_MODULE_OPTION : given + " " + VECTOR_MODULE_OPTION;
    }

    /**
     * The Hadoop configuration the output directory is opened with before (or without) Spark: the active
     * session's if there is one, else the defaults (core-site.xml etc. on the class path) with every
     * spark.hadoop.* setting of the config, of spark-submit (system properties) and of --conf, as Spark
     * itself would apply them.
     */
    public static Configuration hadoopConfiguration(SparkConfig spark) {
        if (active()) {
            SparkSession s = SparkSession.getActiveSession().isDefined() ? SparkSession.getActiveSession().get()
                    : SparkSession.getDefaultSession().get();
            return s.sparkContext().hadoopConfiguration();
        }
        Configuration conf = new Configuration();
        String prefix = "spark.hadoop.";
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith(prefix)) {
                conf.set(key.substring(prefix.length()), System.getProperty(key));
            }
        }
        for (Map.Entry<String, String> e : spark.conf().entrySet()) {
            if (e.getKey().startsWith(prefix)) {
                conf.set(e.getKey().substring(prefix.length()), e.getValue());
            }
        }
        return conf;
    }

    /** Bytes written into each scratch directory before Spark starts: more than the native libraries Spark unpacks. */
    static final int SCRATCH_PROBE_BYTES = 4 << 20;

    /**
     * Checks, before Spark starts and before anything is written, that this JVM's temporary directory (and
     * spark.local.dir's, where set) takes a file of {@value #SCRATCH_PROBE_BYTES} bytes: Spark unpacks its native
     * codecs there (snappy, whose failure would surface as a stack trace and a misleading UnsatisfiedLinkError) and
     * keeps its scratch files. A full or read-only directory, or a file-size limit (ulimit -f), is one line naming it.
     *
     * @throws ConfigError naming java.io.tmpdir or sweep.spark.conf."spark.local.dir"
     */
    public static void checkScratch(SparkConfig spark) {
        java.util.Map<String, String> dirs = new java.util.LinkedHashMap<>();
        dirs.put(System.getProperty("java.io.tmpdir"), "java.io.tmpdir");
        String local = spark.conf().getOrDefault("spark.local.dir", System.getProperty("spark.local.dir"));
        if (local != null && System.getenv("SPARK_LOCAL_DIRS") == null) {
            for (String d : local.split(",")) {
                if (!d.isBlank()) {
                    dirs.putIfAbsent(d.trim(), "sweep.spark.conf.\"spark.local.dir\"");
                }
            }
        }
        byte[] chunk = new byte[64 << 10];
        for (java.util.Map.Entry<String, String> d : dirs.entrySet()) {
            java.nio.file.Path probe = null;
            try {
                java.nio.file.Path dir = java.nio.file.Path.of(d.getKey());
                java.nio.file.Files.createDirectories(dir);
                probe = java.nio.file.Files.createTempFile(dir, ".dam-scratch-", ".tmp");
                try (java.io.OutputStream out = java.nio.file.Files.newOutputStream(probe)) {
                    for (int written = 0; written < SCRATCH_PROBE_BYTES; written += chunk.length) {
                        out.write(chunk);
                    }
                }
            } catch (IOException | RuntimeException e) {
                throw new ConfigError(d.getValue(), "cannot write " + (SCRATCH_PROBE_BYTES >> 20) + " MiB into " + d.getKey()
                        + " (" + OutputDirectory.reason(e) + "): Spark unpacks its native codecs and keeps its scratch files "
                        + "there; free space or lift the file-size limit (ulimit -f), or choose another directory "
                        + "(DAM_JAVA_OPTS=-Djava.io.tmpdir=DIR)");
            } finally {
                if (probe != null) {
                    try {
                        java.nio.file.Files.deleteIfExists(probe);
                    } catch (IOException e) {
                        // a probe left in a temporary directory is harmless
                    }
                }
            }
        }
    }

    /**
     * Opens (and locks) the config's output directory before Spark starts, then runs body on the active Spark
     * session or a new one, which it stops at the end; command names the caller in the lock and its messages.
     */
    public static <T> T runOnOutput(SweepConfig c, SweepOutput.Mode mode, String command, PrintStream err,
                                    BiFunction<SweepOutput, SparkSession, T> body) {
        return runOnOutput(c, mode, command, err, out -> Optional.empty(), body);
    }

    /**
     * Like {@link #runOnOutput(SweepConfig, SweepOutput.Mode, String, PrintStream, BiFunction)}, but first asks
     * withoutSpark, on the opened directory: a value it gives ends the run there, before any Spark session starts
     * (a resume with nothing to do); empty runs body on Spark. The one owner of a run's output directory and session.
     */
    public static <T> T runOnOutput(SweepConfig c, SweepOutput.Mode mode, String command, PrintStream err,
                                    Function<SweepOutput, Optional<T>> withoutSpark,
                                    BiFunction<SweepOutput, SparkSession, T> body) {
        checkScratch(c.spark());
        try (SweepOutput out = SweepOutput.open(c, mode, hadoopConfiguration(c.spark()), command, err)) {
            Optional<T> done = withoutSpark.apply(out);
            if (done.isPresent()) {
                return done.get();
            }
            boolean ownSession = !active();
            SparkSession spark = start(c.spark());
            try {
                out.adopt(spark, err);
                return body.apply(out, spark);
            } finally {
                if (ownSession) {
                    spark.stop();
                }
            }
        }
    }

    /** True if a session is already active in this JVM (then the sweep must not stop it). */
    public static boolean active() {
        return SparkSession.getDefaultSession().isDefined() || SparkSession.getActiveSession().isDefined();
    }
}
