package dam.jobs.sweep;

import dam.jobs.config.ConfigError;
import dam.jobs.config.OutputLocation;
import dam.jobs.config.SweepConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.SparkSession;
import org.apache.hadoop.conf.Configuration;

/**
 * An output directory opened for writing by one run, before Spark starts: the directory checked to be a
 * sweep's (or empty), its lock taken, an interrupted --overwrite finished, its table schema checked, the
 * ledger read and checked against its files, files of unfinished batches deleted (or a damaged directory refused,
 * or kept for --adopt) and the sweep description written. Closing it releases the lock.
 *
 * <p>Every destructive step is ordered so that a kill at any instant leaves a directory that the next run
 * completes or refuses with one line: --overwrite first creates the marker {@value #OVERWRITING}, then
 * deletes the sweep description and the ledger, then the tables' and figures' files, and removes the marker last;
 * a run that finds the marker finishes the deletion before anything else, whatever its flags. Nothing is deleted
 * that dam did not write ({@link OwnFiles}): a directory that holds anything else is refused by --overwrite, with
 * nothing deleted.
 */
public final class SweepOutput implements AutoCloseable {

    /** The marker of an --overwrite in progress. */
    public static final String OVERWRITING = "_overwriting";
    /**
     * Entries that a sweep may leave in a directory before its description exists: the lock, the overwrite
     * marker, and the ledger directory (created just before the description; a kill in between leaves it).
     */
    private static final Set<String> BOOKKEEPING = Set.of(OutputLock.FILE, OVERWRITING, Ledger.DIR);
    /** How many of the files that are not dam's a refusal names. */
    private static final int NAMED = 3;

    /** What a run does with an earlier sweep in the directory. */
    public enum Mode {
        /** Resume it (the default). */
        RESUME,
        /** Delete it first (--overwrite). */
        OVERWRITE,
        /** Resume it, rebuilding a lost ledger from its readable part files first (--adopt). */
        ADOPT
    }

    private final OutputDirectory dir;
    private final OutputLock lock;
    private final SweepConfig config;
    private Ledger ledger;
    private final String description;
    /** The part files that no record lists, kept for --adopt (empty when there is nothing to adopt). */
    private final TreeMap<String, Long> adoptable;

    private SweepOutput(OutputDirectory dir, OutputLock lock, SweepConfig config, Ledger ledger, String description,
                        TreeMap<String, Long> adoptable) {
        this.dir = dir;
        this.lock = lock;
        this.config = config;
        this.ledger = ledger;
        this.description = description;
        this.adoptable = adoptable;
    }

    /** Opens c's output directory to resume (overwrite false) or overwrite it; see {@link #open(SweepConfig, Mode, Configuration, String, PrintStream)}. */
    public static SweepOutput open(SweepConfig c, boolean overwrite, Configuration conf, String command, PrintStream err) {
        return open(c, overwrite ? Mode.OVERWRITE : Mode.RESUME, conf, command, err);
    }

    /**
     * Opens c's output directory for writing (see the class comment); command names the run in the lock.
     *
     * @throws ConfigError naming the field (sweep.output, or a setting that differs from the sweep in the
     *                     directory) when the directory is not a sweep's, is in use, damaged, holds files that
     *                     --overwrite may not delete, or is unusable
     */
    public static SweepOutput open(SweepConfig c, Mode mode, Configuration conf, String command, PrintStream err) {
        Instant start = Instant.now();
        OutputDirectory dir;
        try {
            dir = OutputDirectory.open(c.output(), conf);
            refuseForeign(dir);
            dir.mkdirs();
        } catch (IOException | RuntimeException e) {
            if (e instanceof ConfigError refused) {
                throw refused;
            }
            // An unknown host in an hdfs:// URI is an IllegalArgumentException of Hadoop's, not an IOException.
            throw new ConfigError("sweep.output", "cannot use " + OutputLocation.display(c.output()) + ": "
                    + OutputDirectory.reason(e));
        }
        OutputLock lock;
        try {
            lock = OutputLock.acquire(dir, command, err);
        } catch (IOException e) {
            throw new ConfigError("sweep.output", "cannot take the lock of " + dir.display() + ": " + e.getMessage());
        }
        try {
            refuseForeign(dir); // again, now that no other run can change it
            if (dir.exists(OVERWRITING)) {
                Set<String> listed = refuseNotOurs(dir, "cannot finish the interrupted --overwrite of " + dir.display());
                err.println("[sweep] finishing an interrupted --overwrite of " + dir.display());
                deleteSweep(dir, lock, listed);
            } else if (mode == Mode.OVERWRITE && dir.exists(SweepDescription.FILE)) {
                Set<String> listed = refuseNotOurs(dir, "--overwrite deletes only what dam wrote, and " + dir.display());
                dir.createExclusively(OVERWRITING, Instant.now() + "\n");
                deleteSweep(dir, lock, listed);
            }
            // Before the ledger: records of another schema would read as a damaged ledger.
            SweepDescription.checkTableSchema(dir, "sweep.output", "use --overwrite or another --output");
            Ledger ledger = Ledger.read(dir);
            ledger.verify();
            if (ledger.batchCount() > 0 || mode == Mode.ADOPT) {
                SweepDescription.checkResumable(dir, c); // with no batch committed there are no rows to match
            }
            List<String> earlier = SweepDescription.earlierRuns(dir); // refuses an unreadable one before any write
            TreeMap<String, Long> unlisted = ledger.unlisted(Ledger.TABLES);
            String missing = ledger.missingRecord(ledger.unlisted(Ledger.BATCH_TABLES), ledger.unlisted(Ledger.DERIVED_TABLES));
            TreeMap<String, Long> adoptable = new TreeMap<>();
            if (missing != null && mode != Mode.ADOPT) {
                throw new ConfigError("sweep.output", dir.display() + " is damaged: " + missing + "; to keep its tables "
                        + "rerun with --adopt (it rebuilds the ledger from the readable part files), or start afresh "
                        + "with --overwrite");
            } else if (mode == Mode.ADOPT && !unlisted.isEmpty()) {
                adoptable = unlisted; // decided once Spark can read them (adopt), the rest deleted then
            } else {
                int orphans = ledger.deleteOrphans();
                if (orphans > 0) {
                    err.println("[sweep] deleted " + orphans + " files of an unfinished earlier batch");
                }
            }
            dir.mkdirs(Ledger.DIR); // from now on only recorded files count, for every reader
            String json = SweepDescription.json(c, start, earlier, false);
            SweepDescription.write(dir, SweepDescription.json(c, start, earlier, true) + "\n");
            return new SweepOutput(dir, lock, c, ledger, json, adoptable);
        } catch (IOException e) {
            lock.close();
            throw new ConfigError("sweep.output", "cannot prepare " + dir.display() + ": " + OutputDirectory.reason(e));
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** A non-empty directory that holds no sweep description (and no marker of ours) is never written into. */
    static void refuseForeign(OutputDirectory dir) throws IOException {
        if (!dir.exists("")) {
            return;
        }
        if (!dir.isDirectory("")) {
            throw new ConfigError("sweep.output", dir.display() + " is a file, not a directory");
        }
        List<String> names = dir.names("");
        if (names.contains(SweepDescription.FILE) || names.contains(OVERWRITING)) {
            return;
        }
        for (String name : names) {
            boolean ours = BOOKKEEPING.contains(name) || name.startsWith(OutputLock.FILE + ".stale-")
                    || OutputDirectory.isTemporary(name);
            if (!ours) {
                throw new ConfigError("sweep.output", dir.display() + " is not empty and holds no "
                        + SweepDescription.FILE + "; refusing to write into it");
            }
        }
    }

    /**
     * Refuses (one line starting with what, nothing deleted) a directory that holds entries dam did not write: what
     * --overwrite deletes is the ledger's files and dam's own leftovers and figures, never anything else.
     */
    static Set<String> refuseNotOurs(OutputDirectory dir, String what) throws IOException {
        Set<String> listed;
        try {
            listed = dir.exists(OVERWRITING) ? Set.of() : Ledger.read(dir).listed();
        } catch (ConfigError e) {
            listed = Set.of(); // an unreadable record lists nothing: the part files are known by their names
        }
        List<String> foreign = OwnFiles.foreign(dir, listed, NAMED + 1);
        if (!foreign.isEmpty()) {
            String named = String.join(", ", foreign.subList(0, Math.min(NAMED, foreign.size())))
                    + (foreign.size() > NAMED ? ", ..." : "");
            throw new ConfigError("sweep.output", what + " also holds files dam did not write (" + named + "); move "
                    + "them out of it, or use another --output");
        }
        return listed;
    }

    /**
     * Deletes the sweep in dir under the marker: the description and the ledger first (so that nothing is trusted any
     * more), then the tables' and figures' files, each table directory once empty, and the marker last. Only what dam
     * wrote ({@link OwnFiles}, and the files listed, as the ledger had them); the caller has checked that nothing
     * else is there.
     */
    private static void deleteSweep(OutputDirectory dir, OutputLock lock, Set<String> listed) throws IOException {
        lock.verify();
        dir.delete(SweepDescription.FILE);
        dir.delete(Ledger.DIR);
        for (String name : dir.names("")) {
            if (name.equals(OutputLock.FILE) || name.equals(OVERWRITING)) {
                continue;
            }
            if (Ledger.TABLES.contains(name) || name.equals(OwnFiles.FIGURES)) {
                // deepest first, so that a directory is empty when its turn comes
                for (var e : dir.walk(name).descendingMap().entrySet()) {
                    String rel = e.getKey();
                    boolean directory = e.getValue() < 0;
                    if (directory ? dir.names(rel).isEmpty() || OwnFiles.leaf(rel).equals("_temporary")
                            : !isForeign(rel, listed)) {
                        dir.delete(rel);
                    }
                }
                if (dir.names(name).isEmpty()) {
                    dir.delete(name);
                }
            } else if (!dir.isDirectory(name) && OwnFiles.isOwnTopFile(name)) {
                dir.delete(name);
            }
        }
        dir.delete(OVERWRITING);
    }

    /** True if a file under a table or figures/ is not dam's (checked file by file while deleting). */
    private static boolean isForeign(String rel, Set<String> listed) {
        String leaf = OwnFiles.leaf(rel);
        if (rel.startsWith(OwnFiles.FIGURES + "/")) {
            return !(OwnFiles.isFigure(leaf) || OutputDirectory.isTemporary(leaf));
        }
        return !(rel.contains("/_temporary/") || OwnFiles.isPartFile(leaf) || OwnFiles.isSideFile(leaf)
                || leaf.equals("_SUCCESS") || OutputDirectory.isTemporary(leaf) || listed.contains(rel));
    }

    /**
     * For --adopt, once Spark runs: rebuilds the ledger from the part files that no record listed (complete grid
     * points only, their files whole; a derived table's newest complete write), then deletes the rest as leftovers.
     * Nothing to do without --adopt or without such files.
     */
    public void adopt(SparkSession spark, PrintStream err) {
        if (adoptable.isEmpty()) {
            return;
        }
        try {
            Adoption.run(spark, dir, ledger, config, adoptable, err);
            lock.verify();
            ledger = Ledger.read(dir);
            int orphans = ledger.deleteOrphans();
            if (orphans > 0) {
                err.println("[sweep] --adopt: deleted " + orphans + " part files that hold no complete grid point");
            }
            ledger.verify();
            adoptable.clear();
        } catch (ConfigError e) {
            throw e;
        } catch (Exception | Error e) { // Exception: Scala code throws checked ones (SparkException) undeclared
            throw new StageFailure("adopting the part files", e);
        }
    }

    /** True while --adopt has part files to decide on ({@link #adopt}). */
    public boolean adoptionPending() {
        return !adoptable.isEmpty();
    }

    /** The directory. */
    public OutputDirectory dir() {
        return dir;
    }

    /** The ledger, as read and checked at opening (and rebuilt by --adopt), updated by each commit. */
    public Ledger ledger() {
        return ledger;
    }

    /** The lock this run holds. */
    public OutputLock lock() {
        return lock;
    }

    /** The sweep description of this run as one line of JSON (for the tables' metadata). */
    public String description() {
        return description;
    }

    /** Releases the lock. */
    @Override
    public void close() {
        lock.close();
    }
}
