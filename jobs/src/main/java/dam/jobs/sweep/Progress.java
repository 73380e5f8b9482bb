package dam.jobs.sweep;

import dam.jobs.spark.ScalaCompat;
import java.io.PrintStream;
import java.util.Locale;
import org.apache.spark.Success$;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * Progress on stderr: trials finished of the total (from the tasks' "dam.trials" accumulator),
 * grid points committed, trials per second and estimated time left. At most one line every
 * two seconds, plus one per committed batch; on a terminal ({@link #onTerminal()}) one line updated in place.
 */
public final class Progress extends SparkListener {

    /** The name of the accumulator each simulation task adds its trial count to. */
    public static final String TRIALS = "dam.trials";

    private final PrintStream err;
    private final long totalTrials;
    private final int totalPoints;
    private final long startNanos = System.nanoTime();
    private long trialsDone;
    private int pointsDone;
    private final boolean inPlace;
    private long lastPrint;
    /** The length of the line shown in place, 0 when none is open. */
    private int openLength;
    private boolean ended;
    /** True while some Progress shows a line in place on this process's terminal (which ends it before a last line). */
    private static volatile boolean lineOpen;

    /** Progress of a run of totalTrials trials over totalPoints points, pointsDone of them already committed. */
    public Progress(PrintStream err, long totalTrials, int totalPoints, int pointsDone) {
        this(err, totalTrials, totalPoints, pointsDone, onTerminal());
    }

    /** As above; inPlace: one line rewritten with a carriage return (a terminal), else a line per update (a log). */
    public Progress(PrintStream err, long totalTrials, int totalPoints, int pointsDone, boolean inPlace) {
        this.err = err;
        this.totalTrials = totalTrials;
        this.totalPoints = totalPoints;
        this.pointsDone = pointsDone;
        this.inPlace = inPlace;
    }

    /**
     * True if stderr is a terminal: bin/dam says so in dam.stderr.terminal (the JVM itself sees the pipe to its
     * filter); without it, if the JVM has a console. Not with --verbose, whose library warnings would continue a line
     * shown in place.
     */
    public static boolean onTerminal() {
        String said = System.getProperty("dam.stderr.terminal");
        return !LogLevels.verbose() && (said != null ? Boolean.parseBoolean(said) : System.console() != null);
    }

    @Override
    public synchronized void onTaskEnd(SparkListenerTaskEnd end) {
        if (!(end.reason() instanceof Success$)) {
            return;
        }
        for (AccumulableInfo a : ScalaCompat.asJava(end.taskInfo().accumulables())) {
            if (a.name().isDefined() && TRIALS.equals(a.name().get()) && a.update().isDefined()) {
                trialsDone += ((Number) a.update().get()).longValue();
            }
        }
        print(false);
    }

    /** Records that a batch of points was committed and prints a line. */
    public synchronized void committed(int points) {
        pointsDone += points;
        print(true);
    }

    /** Ends the line shown in place, so that what follows starts on a line of its own; nothing on a log. */
    public synchronized void end() {
        ended = true;
        if (openLength > 0) {
            err.println();
            err.flush();
            openLength = 0;
            lineOpen = false;
        }
    }

    /** True while a progress line is shown in place, unfinished: a line printed now would continue it. */
    public static boolean lineOpen() {
        return lineOpen;
    }

    /** Trials finished so far in this run. */
    public synchronized long trialsDone() {
        return trialsDone;
    }

    private void print(boolean force) {
        long now = System.nanoTime();
        if (ended || !force && now - lastPrint < 2_000_000_000L) {
            return;
        }
        lastPrint = now;
        double secs = (now - startNanos) / 1e9;
        double rate = trialsDone / Math.max(secs, 1e-9);
        long left = Math.max(0, totalTrials - trialsDone);
        String eta = trialsDone == 0 ? "?" : duration(left / Math.max(rate, 1e-9));
        String line = String.format(Locale.ROOT, "[sweep] points %d/%d committed, trials %d/%d, %.0f trials/s, elapsed %s, eta %s",
                pointsDone, totalPoints, trialsDone, totalTrials, rate, duration(secs), eta);
        if (inPlace) {
            // a shorter line than the one it replaces is padded with blanks, which cover the rest of the old one
            err.print("\r" + line + " ".repeat(Math.max(0, openLength - line.length())));
            openLength = Math.max(line.length(), 1);
            lineOpen = true;
        } else {
            err.println(line);
        }
        err.flush();
    }

    /** h:mm:ss. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
    }
}
