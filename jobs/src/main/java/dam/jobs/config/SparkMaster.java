package dam.jobs.config;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Spark master URL says before Spark starts: whether Spark accepts its form, how many tasks run at
 * once in one executor, and how much memory that executor has.
 */
public final class SparkMaster {

    private static final Pattern LOCAL = Pattern.compile("local(?:\\[\\s*([0-9]+|\\*)\\s*(?:,\\s*([0-9]+)\\s*)?])?");
    private static final Pattern LOCAL_CLUSTER =
            Pattern.compile("local-cluster\\[\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*,\\s*([0-9]+)\\s*]");
    /** Spark's reserved system memory per JVM (spark.testing.reservedMemory's default). */
    public static final long RESERVED_BYTES = 300L << 20;

    private SparkMaster() {
    }

    /**
     * Checks the form of a master URL as Spark parses it: local, local[K], local[*], local[K,F],
     * local-cluster[W,C,M], spark://HOST:PORT[,HOST:PORT...], yarn, k8s://URL.
     *
     * @throws IllegalArgumentException naming the accepted forms otherwise
     */
    public static void check(String master) {
        String m = master.trim();
        Matcher local = LOCAL.matcher(m);
        if (local.matches()) {
            if (local.group(1) != null && !local.group(1).equals("*") && threads(local.group(1)) < 1) {
                throw new IllegalArgumentException("local[K] needs K >= 1, got '" + master + "'");
            }
            return;
        }
        if (LOCAL_CLUSTER.matcher(m).matches() || m.equals("yarn")) {
            return;
        }
        if (m.startsWith("spark://") && m.length() > "spark://".length()) {
            for (String hostPort : m.substring("spark://".length()).split(",")) {
                int colon = hostPort.lastIndexOf(':');
                if (colon <= 0 || !hostPort.substring(colon + 1).matches("[0-9]{1,5}")) {
                    throw new IllegalArgumentException("spark:// needs HOST:PORT, got '" + master + "'");
                }
            }
            return;
        }
        if (m.startsWith("k8s://") && m.length() > "k8s://".length()) {
            return;
        }
        throw new IllegalArgumentException("not a Spark master URL: '" + master
                + "' (local[*], local[K], local-cluster[W,C,M], spark://HOST:PORT, yarn or k8s://URL)");
    }

    private static int threads(String k) {
        try {
            return Integer.parseInt(k);
        } catch (NumberFormatException e) {
            return Integer.MAX_VALUE; // absurd but well-formed: Spark starts that many threads lazily
        }
    }

    /**
     * Tasks that run at once in one executor: the thread count of a local master, C of local-cluster, else
     * spark.executor.cores (1 if not given: YARN's and Kubernetes' default), each divided by spark.task.cpus.
     */
    public static int concurrentTasks(SparkConfig spark) {
        String m = spark.master().trim();
        int cores;
        Matcher local = LOCAL.matcher(m);
        Matcher cluster = LOCAL_CLUSTER.matcher(m);
        if (local.matches()) {
            String k = local.group(1);
            cores = k == null ? 1 : k.equals("*") ? Runtime.getRuntime().availableProcessors() : threads(k);
        } else if (cluster.matches()) {
            cores = threads(cluster.group(2));
        } else {
            cores = positive(setting(spark, "spark.executor.cores"), "spark.executor.cores", 1);
        }
        int perTask = positive(setting(spark, "spark.task.cpus"), "spark.task.cpus", 1);
        return Math.max(1, cores / perTask);
    }

    /**
     * Memory of one executor in bytes: this JVM's heap for a local master (the executor runs inside it),
     * M MiB for local-cluster, else spark.executor.memory (Spark's default 1g if not given).
     */
    public static long executorMemory(SparkConfig spark) {
        String m = spark.master().trim();
        if (LOCAL.matcher(m).matches()) {
            return Runtime.getRuntime().maxMemory();
        }
        Matcher cluster = LOCAL_CLUSTER.matcher(m);
        if (cluster.matches()) {
            return (long) threads(cluster.group(3)) << 20;
        }
        String configured = setting(spark, "spark.executor.memory");
        return configured == null ? 1L << 30 : parseBytes(configured);
    }

    /** A setting from the sweep's Spark conf (or --conf), else from spark-submit's system properties. */
    private static String setting(SparkConfig spark, String key) {
        return spark.conf().getOrDefault(key, System.getProperty(key));
    }

    private static int positive(String value, String key, int fallback) {
        if (value == null) {
            return fallback;
        }
        try {
            int v = Integer.parseInt(value.trim());
            if (v >= 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigError("sweep.spark.conf.\"" + key + "\"", "must be an integer >= 1, got '" + value + "'");
    }

    /** A Spark size ("2g", "512m", "1024" = MiB) in bytes. */
    static long parseBytes(String s) {
        String t = s.trim().toLowerCase(Locale.ROOT);
        long unit = 1L << 20; // Spark reads a bare number as MiB
        if (t.endsWith("b")) {
            t = t.substring(0, t.length() - 1);
        }
        char last = t.isEmpty() ? ' ' : t.charAt(t.length() - 1);
        switch (last) {
            case 'k' -> unit = 1L << 10;
            case 'm' -> unit = 1L << 20;
            case 'g' -> unit = 1L << 30;
            case 't' -> unit = 1L << 40;
            default -> last = ' ';
        }
        if (last != ' ') {
            t = t.substring(0, t.length() - 1);
        }
        try {
            return Math.multiplyExact(Long.parseLong(t.trim()), unit);
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigError("sweep.spark.conf.\"spark.executor.memory\"", "expected a size like 2g or 512m, got '" + s + "'");
        }
    }
}
