package dam.jobs.sweep;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;
import org.apache.hadoop.util.Progressable;

/**
 * The local file system under the scheme crash:, dying (throwing {@link Crash}, an Error that no handler of
 * the code under test catches) at its next mutating operation once a budget of them is spent, and at every
 * operation after that, as a killed process would: nothing more reaches the disk.
 */
public final class CrashingFileSystem extends RawLocalFileSystem {

    /** Mutating operations (create, rename, delete, mkdirs) left before the crash. */
    static final AtomicInteger BUDGET = new AtomicInteger(Integer.MAX_VALUE);
    /** Mutating operations done so far. */
    static final AtomicInteger DONE = new AtomicInteger();

    /** The crash. */
    static final class Crash extends Error {
        Crash() {
            super("crashed", null, false, false);
        }
    }

    /** Arms the crash after the given number of mutating operations (Integer.MAX_VALUE: never). */
    static void crashAfter(int operations) {
        BUDGET.set(operations);
        DONE.set(0);
    }

    private static void step() {
        if (BUDGET.getAndDecrement() <= 0) {
            BUDGET.set(0);
            throw new Crash();
        }
        DONE.incrementAndGet();
    }

    private static void alive() {
        if (BUDGET.get() <= 0) {
            throw new Crash();
        }
    }

    @Override
    public URI getUri() {
        return URI.create("crash:///");
    }

    @Override
    public String getScheme() {
        return "crash";
    }

    @Override
    public FSDataOutputStream create(Path f, boolean overwrite, int bufferSize, short replication, long blockSize,
                                     Progressable progress) throws IOException {
        step();
        return super.create(f, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public FSDataOutputStream create(Path f, FsPermission permission, boolean overwrite, int bufferSize,
                                     short replication, long blockSize, Progressable progress) throws IOException {
        step();
        return super.create(f, permission, overwrite, bufferSize, replication, blockSize, progress);
    }

    @Override
    public boolean rename(Path src, Path dst) throws IOException {
        step();
        return super.rename(src, dst);
    }

    @Override
    public boolean delete(Path p, boolean recursive) throws IOException {
        step();
        return super.delete(p, recursive);
    }

    @Override
    public boolean mkdirs(Path f, FsPermission permission) throws IOException {
        step();
        return super.mkdirs(f, permission);
    }

    @Override
    public boolean mkdirs(Path f) throws IOException {
        step();
        return super.mkdirs(f);
    }

    @Override
    public org.apache.hadoop.fs.FileStatus[] listStatus(Path f) throws IOException {
        alive();
        return super.listStatus(f);
    }

    @Override
    public org.apache.hadoop.fs.FSDataInputStream open(Path f, int bufferSize) throws IOException {
        alive();
        return super.open(f, bufferSize);
    }
}
