package dam.jobs.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Paths;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Where a sweep writes: a URI of any Hadoop file system that Spark writes Parquet to (hdfs://, s3a://,
 * file:/...), or a local path. Locations are kept in one canonical form, a Hadoop path with its scheme.
 */
public final class OutputLocation {

    private OutputLocation() {
    }

    /**
     * The canonical location of a user's output setting: a URI with a scheme stays as it is; anything else
     * is a local path, made absolute against the working directory ("out/x" becomes "file:/work/out/x").
     *
     * @throws IllegalArgumentException for an empty value or a malformed URI
     */
    public static String of(String userValue) {
        String v = userValue.trim();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("must not be empty");
        }
        if (hasScheme(v)) {
            try {
                URI u = new URI(v).normalize();
                if (u.getPath() == null || u.getPath().isEmpty()) {
                    u = new URI(u.getScheme(), u.getAuthority(), "/", null, null);
                }
                return new Path(u).toString();
            } catch (URISyntaxException e) {
                throw new IllegalArgumentException("not a valid URI: " + v + " (" + e.getReason() + ")");
            }
        }
        return new Path(Paths.get(v).toAbsolutePath().normalize().toUri()).toString();
    }

    /** True if the value starts with a URI scheme of two or more characters (so "C:\x" stays a path). */
    static boolean hasScheme(String v) {
        int colon = v.indexOf(':');
        if (colon < 2) {
            return false;
        }
        for (int i = 0; i < colon; i++) {
            char ch = v.charAt(i);
            boolean ok = Character.isLetter(ch) || (i > 0 && (Character.isDigit(ch) || ch == '+' || ch == '-' || ch == '.'));
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    /** The scheme of a canonical location ("file", "hdfs", "s3a", ...). */
    public static String scheme(String location) {
        return new Path(location).toUri().getScheme();
    }

    /** True for a location on the local file system. */
    public static boolean local(String location) {
        return "file".equals(scheme(location));
    }

    /** The local path of a file: location. */
    public static java.nio.file.Path localPath(String location) {
        return Paths.get(new Path(location).toUri());
    }

    /** The location as a user writes it: a plain path for the local file system, else the URI. */
    public static String display(String location) {
        URI u = new Path(location).toUri();
        return "file".equals(u.getScheme()) ? u.getPath() : location;
    }

    /**
     * Checks, without contacting it, that a file system implementation for the location's scheme is on
     * the class path.
     *
     * @throws IllegalArgumentException naming the scheme otherwise
     */
    public static void checkScheme(String location, Configuration conf) {
        String scheme = scheme(location);
        Class<? extends FileSystem> type;
        try {
            type = FileSystem.getFileSystemClass(scheme, conf);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("no file system for scheme '" + scheme + "' on the class path"
                    + (scheme.startsWith("s3") ? " (add hadoop-aws, e.g. spark-submit --packages "
                    + "org.apache.hadoop:hadoop-aws:3.5.0, and write s3a://)" : ""));
        }
        for (String readOnly : READ_ONLY_FILE_SYSTEMS) {
            for (Class<?> c = type; c != null; c = c.getSuperclass()) {
                if (c.getName().equals(readOnly)) {
                    throw new IllegalArgumentException("scheme '" + scheme + "' is not supported: Hadoop's "
                            + type.getSimpleName() + " only reads; use a local path, hdfs://, s3a:// or another file "
                            + "system that writes");
                }
            }
        }
    }

    /** Hadoop file systems that cannot write (http(s):// reads a web server, har:// an archive). */
    private static final List<String> READ_ONLY_FILE_SYSTEMS = List.of("org.apache.hadoop.fs.http.AbstractHttpFileSystem",
            "org.apache.hadoop.fs.HarFileSystem");
}
