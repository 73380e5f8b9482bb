package dam.jobs.sweep;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueFactory;
import dam.jobs.config.ConfigError;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one-writer lease on an output directory: the file OUTPUT/_lock, created atomically
 * ({@link OutputDirectory#createExclusively}) and naming its holder (host, process id and start time, a
 * random token) and the expiry of its lease, which a background thread of the holder renews every quarter
 * lease.
 *
 * <p>A lock is stale, and the next run takes it over with a line saying so, when its lease has expired, or
 * when its holder ran on this host and that process is gone (a kill -9 is detected at once, not after the
 * lease). The lease is {@link #LEASE} = 2 minutes: a renewal every 30 s survives three missed renewals
 * (a long garbage-collection pause, a slow NameNode) before another host may take over, and a run killed on
 * another host blocks a rerun for at most 2 minutes, short against any sweep worth resuming. Hosts' clocks
 * must agree to well within the lease.
 *
 * <p>The holder checks the lock before every commit ({@link #verify}): a run that lost its lease (paused past
 * expiry and taken over) stops without committing, so two writers never both commit.
 */
public final class OutputLock implements AutoCloseable {

    /** The lock file in the output directory. */
    public static final String FILE = "_lock";
    /** How long a lease lasts without renewal. */
    public static final Duration LEASE = Duration.ofMinutes(2);

    /**
     * Tokens of the locks this JVM holds: a lock naming this process but not held here is a dead run's. Tests
     * clear it to stand for the death of a run they crashed inside this JVM.
     */
    static final Set<String> HELD = ConcurrentHashMap.newKeySet();
    private static final String HOST = hostName();
    private static final long PID = ProcessHandle.current().pid();
    private static final long PID_START = startMillis(ProcessHandle.current());

    private final OutputDirectory dir;
    private final Holder holder;
    private final Duration lease;
    private final ScheduledExecutorService renewer;
    private volatile String lost;

    /**
     * The content of a lock file.
     *
     * @param token    random, identifies one acquisition
     * @param host     host name of the holder
     * @param pid      process id of the holder
     * @param pidStart start time of that process (epoch ms; -1 if unknown), so a reused pid is not mistaken for it
     * @param command  what the holder runs
     * @param acquired when the lock was taken (epoch ms)
     * @param expires  when the lease ends unless renewed (epoch ms)
     */
    record Holder(String token, String host, long pid, long pidStart, String command, long acquired, long expires) {

        String json() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("token", token);
            m.put("host", host);
            m.put("pid", pid);
            m.put("pid_start", pidStart);
            m.put("command", command);
            m.put("acquired", Instant.ofEpochMilli(acquired).toString());
            m.put("expires", Instant.ofEpochMilli(expires).toString());
            return ConfigValueFactory.fromMap(m).render(ConfigRenderOptions.concise().setFormatted(true)) + "\n";
        }

        static Optional<Holder> parse(String text) {
            try {
                Config c = ConfigFactory.parseString(text);
                return Optional.of(new Holder(c.getString("token"), c.getString("host"), c.getLong("pid"),
                        c.getLong("pid_start"), c.getString("command"), Instant.parse(c.getString("acquired")).toEpochMilli(),
                        Instant.parse(c.getString("expires")).toEpochMilli()));
            } catch (ConfigException | java.time.format.DateTimeParseException e) {
                return Optional.empty();
            }
        }

        Holder renewed(long now, Duration lease) {
            return new Holder(token, host, pid, pidStart, command, acquired, now + lease.toMillis());
        }

        String describe() {
            return command + " (pid " + pid + " on " + host + ", since " + Instant.ofEpochMilli(acquired) + ")";
        }
    }

    private OutputLock(OutputDirectory dir, Holder holder, Duration lease) {
        this.dir = dir;
        this.holder = holder;
        this.lease = lease;
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "dam-lock-renewal");
            t.setDaemon(true);
            return t;
        });
        long every = Math.max(1, lease.toMillis() / 4);
        renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
    }

    /** Takes the lock with the standard lease; see {@link #acquire(OutputDirectory, String, Duration, PrintStream)}. */
    public static OutputLock acquire(OutputDirectory dir, String command, PrintStream err) throws IOException {
        return acquire(dir, command, LEASE, err);
    }

    /**
     * Takes the lock of dir (which must exist) for command, taking over a stale one with a line on err.
     *
     * @throws ConfigError naming sweep.output when a live run holds it
     */
    public static OutputLock acquire(OutputDirectory dir, String command, Duration lease, PrintStream err)
            throws IOException {
        for (int attempt = 0; attempt < 3; attempt++) {
            long now = System.currentTimeMillis();
            Optional<String> present = dir.readText(FILE);
            if (present.isPresent() && staleReason(Holder.parse(present.get()), dir, now) == null) {
                throw inUse(dir, Holder.parse(present.get()), now); // refused without writing anything
            }
            Holder mine = new Holder(UUID.randomUUID().toString(), HOST, PID, PID_START, command, now,
                    now + lease.toMillis());
            HELD.add(mine.token()); // before the file exists, so that no thread of this JVM takes it for a dead run's
            if (dir.createExclusively(FILE, mine.json())) {
                return new OutputLock(dir, mine, lease);
            }
            HELD.remove(mine.token());
            Optional<String> text = dir.readText(FILE);
            if (text.isEmpty()) {
                continue; // released meanwhile
            }
            Optional<Holder> other = Holder.parse(text.get());
            String stale = staleReason(other, dir, now);
            if (stale == null) {
                throw inUse(dir, other, now);
            }
            if (takeOver(dir, text.get())) {
                err.println("[sweep] took over the lock of " + dir.display() + " from "
                        + other.map(Holder::describe).orElse("an unreadable lock file") + ": " + stale);
            }
        }
        throw new ConfigError("sweep.output", dir.display() + ": another run is taking the lock at the same moment; try again");
    }

    /** Why dir is in use, if a live run holds its lock (read only: nothing is taken or moved; --dry-run). */
    static Optional<String> liveHolder(OutputDirectory dir) throws IOException {
        long now = System.currentTimeMillis();
        Optional<String> present = dir.readText(FILE);
        if (present.isEmpty() || staleReason(Holder.parse(present.get()), dir, now) != null) {
            return Optional.empty();
        }
        return Optional.of(inUse(dir, Holder.parse(present.get()), now).reason());
    }

    private static ConfigError inUse(OutputDirectory dir, Optional<Holder> holder, long now) {
        if (holder.isEmpty()) {
            return new ConfigError("sweep.output", dir.display() + " is locked by an unreadable " + FILE
                    + " younger than the lease (" + LEASE.toSeconds() + " s); wait, or delete it if no run uses the directory");
        }
        Holder h = holder.get();
        long left = Math.max(0, (h.expires() - now) / 1000);
        return new ConfigError("sweep.output", dir.display() + " is in use by " + h.describe()
                + "; its lease expires in " + left + " s unless renewed; wait for it, or stop it");
    }

    /** Why a lock is stale, or null if its holder may still be running. */
    private static String staleReason(Optional<Holder> parsed, OutputDirectory dir, long now) throws IOException {
        if (parsed.isEmpty()) {
            // Complete on creation, so unreadable only if damaged by hand: stale once a lease has passed.
            long age = now - dir.modificationTime(FILE);
            return age > LEASE.toMillis() ? "the lock file is unreadable and " + age / 1000 + " s old" : null;
        }
        Holder h = parsed.get();
        if (h.expires() < now) {
            return "its lease expired " + (now - h.expires()) / 1000 + " s ago";
        }
        if (h.host().equals(HOST)) {
            if (h.pid() == PID && h.pidStart() == PID_START) {
                return HELD.contains(h.token()) ? null : "this process no longer holds it (an abandoned run)";
            }
            Optional<ProcessHandle> p = ProcessHandle.of(h.pid());
            if (p.isEmpty() || !p.get().isAlive()) {
                return "process " + h.pid() + " is no longer running";
            }
            long start = startMillis(p.get());
            if (h.pidStart() > 0 && start > 0 && start != h.pidStart()) {
                return "process " + h.pid() + " is no longer running (its id now belongs to another process)";
            }
        }
        return null;
    }

    /**
     * Moves a stale lock aside (an atomic rename, so of two runs taking over at once only one succeeds); if
     * what was moved is not the stale lock judged (a newer holder's), puts it back and reports failure.
     */
    private static boolean takeOver(OutputDirectory dir, String staleText) throws IOException {
        String grave = FILE + ".stale-" + UUID.randomUUID();
        if (!dir.renameIfPresent(FILE, grave)) {
            return false;
        }
        String moved = dir.readText(grave).orElse("");
        if (!moved.equals(staleText)) {
            dir.createExclusively(FILE, moved);
            dir.delete(grave);
            return false;
        }
        dir.delete(grave);
        return true;
    }

    /** Renews the lease unless it was lost (run by the background thread). */
    private void renew() {
        if (lost != null) {
            return;
        }
        try {
            String text = dir.readText(FILE).orElse("");
            Optional<Holder> now = Holder.parse(text);
            if (now.isEmpty() || !now.get().token().equals(holder.token())) {
                lost = "the lock file " + dir.display(FILE) + " no longer names this run"
                        + now.map(h -> " (it names " + h.describe() + ")").orElse("");
                return;
            }
            dir.writeAtomically(FILE, holder.renewed(System.currentTimeMillis(), lease).json());
        } catch (IOException | RuntimeException e) {
            // A failed renewal is retried; the lease is only lost once it has expired (checked in verify).
            lastRenewalFailure = e.toString();
        }
    }

    private volatile String lastRenewalFailure;

    /**
     * Checks that this run still holds the lock: called before every commit, so that a run that lost it
     * (paused past its lease and taken over) never commits.
     *
     * @throws IllegalStateException naming the output directory when the lock was lost
     */
    public void verify() {
        if (lost == null) {
            try {
                Optional<Holder> now = Holder.parse(dir.readText(FILE).orElse(""));
                if (now.isEmpty() || !now.get().token().equals(holder.token())) {
                    lost = "the lock file no longer names this run"
                            + now.map(h -> " (it names " + h.describe() + ")").orElse("");
                } else if (now.get().expires() < System.currentTimeMillis()) {
                    lost = "its lease expired (last renewal failure: " + lastRenewalFailure + ")";
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the lock " + dir.display(FILE), e);
            }
        }
        if (lost != null) {
            throw new IllegalStateException("lost the lock of " + dir.display() + ": " + lost
                    + "; stopped before committing");
        }
    }

    /** Stops renewing and deletes the lock file if it still names this run. */
    @Override
    public void close() {
        renewer.shutdownNow();
        try {
            renewer.awaitTermination(10, TimeUnit.SECONDS);
            Optional<Holder> now = Holder.parse(dir.readText(FILE).orElse(""));
            if (now.isPresent() && now.get().token().equals(holder.token())) {
                dir.delete(FILE);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + dir.display(FILE), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            HELD.remove(holder.token());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (IOException e) {
            return Optional.ofNullable(System.getenv("HOSTNAME")).orElse("unknown-host");
        }
    }

    private static long startMillis(ProcessHandle p) {
        return p.info().startInstant().map(Instant::toEpochMilli).orElse(-1L);
    }
}
