package dam.jobs.sweep;

import dam.jobs.config.ConfigError;
import dam.jobs.config.OutputLocation;
import dam.jobs.config.SweepConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * An output directory opened for writing by one run, before Spark starts: the directory checked to be a
 * sweep's (or empty), its lock taken, an interrupted --overwrite finished, its table schema checked, the
 * ledger read and checked against its files, files of unfinished batches deleted and the sweep description
 * written. Closing it releases the lock.
 *
 * <p>Every destructive step is ordered so that a kill at any instant leaves a directory that the next run
 * completes or refuses with one line: --overwrite first creates the marker {@value #OVERWRITING}, then
 * deletes the sweep description and the ledger, then the tables, and removes the marker last; a run that
 * finds the marker finishes the deletion before anything else, whatever its flags.
 */
public final class SweepOutput implements AutoCloseable {

    /** The marker of an --overwrite in progress. */
    public static final String OVERWRITING = "_overwriting";
    /**
     * Entries that a sweep may leave in a directory before its description exists: the lock, the overwrite
     * marker, and the ledger directory (created just before the description; a kill in between leaves it).
     */
    private static final Set<String> BOOKKEEPING = Set.of(OutputLock.FILE, OVERWRITING, Ledger.DIR);

    private final OutputDirectory dir;
    private final OutputLock lock;
    private final Ledger ledger;
    private final String description;

    private SweepOutput(OutputDirectory dir, OutputLock lock, Ledger ledger, String description) {
        this.dir = dir;
        this.lock = lock;
        this.ledger = ledger;
        this.description = description;
    }

    /**
     * Opens c's output directory for writing (see the class comment); command names the run in the lock.
     *
     * @throws ConfigError naming the field (sweep.output, or a setting that differs from the sweep in the
     *                     directory) when the directory is not a sweep's, is in use, damaged, or unusable
     */
    public static SweepOutput open(SweepConfig c, boolean overwrite, Configuration conf, String command, PrintStream err) {
        Instant start = Instant.now();
        OutputDirectory dir;
        try {
            dir = OutputDirectory.open(c.output(), conf);
            refuseForeign(dir);
            dir.mkdirs();
        } catch (IOException e) {
            throw new ConfigError("sweep.output", "cannot use " + OutputLocation.display(c.output()) + ": " + e.getMessage());
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
                err.println("[sweep] finishing an interrupted --overwrite of " + dir.display());
                deleteSweep(dir, lock);
            } else if (overwrite && dir.exists(SweepDescription.FILE)) {
                dir.createExclusively(OVERWRITING, Instant.now() + "\n");
                deleteSweep(dir, lock);
            }
            // Before the ledger: records of another schema would read as a damaged ledger.
            SweepDescription.checkTableSchema(dir, "sweep.output", "use --overwrite or another --output");
            Ledger ledger = Ledger.read(dir);
            ledger.verify();
            if (ledger.batchCount() > 0) {
                SweepDescription.checkResumable(dir, c); // with no batch committed there are no rows to match
            }
            List<String> earlier = SweepDescription.earlierRuns(dir); // refuses an unreadable one before any write
            int orphans = ledger.deleteOrphans();
            if (orphans > 0) {
                err.println("[sweep] deleted " + orphans + " files of an unfinished earlier batch");
            }
            dir.mkdirs(Ledger.DIR); // from now on only recorded files count, for every reader
            String json = SweepDescription.json(c, start, earlier, false);
            SweepDescription.write(dir, SweepDescription.json(c, start, earlier, true) + "\n");
            return new SweepOutput(dir, lock, ledger, json);
        } catch (IOException e) {
            lock.close();
            throw new ConfigError("sweep.output", "cannot prepare " + dir.display() + ": " + e.getMessage());
        } catch (RuntimeException e) {
            lock.close();
            throw e;
        }
    }

    /** A non-empty directory that holds no sweep description (and no marker of ours) is never written into. */
    private static void refuseForeign(OutputDirectory dir) throws IOException {
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
     * Deletes the sweep in dir under the marker: the description and the ledger first (so that nothing is
     * trusted any more), then everything else but the lock, and the marker last.
     */
    private static void deleteSweep(OutputDirectory dir, OutputLock lock) throws IOException {
        lock.verify();
        dir.delete(SweepDescription.FILE);
        dir.delete(Ledger.DIR);
        for (String name : dir.names("")) {
            if (!name.equals(OutputLock.FILE) && !name.equals(OVERWRITING)) {
                dir.delete(name);
            }
        }
        dir.delete(OVERWRITING);
    }

    /** The directory. */
    public OutputDirectory dir() {
        return dir;
    }

    /** The ledger, as read and checked at opening, updated by each commit. */
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
