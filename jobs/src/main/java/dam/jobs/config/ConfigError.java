package dam.jobs.config;

/**
 * Bad input: a rejected config, option or output directory, as one line "field: reason" naming the offending
 * key or option. The command line turns it into exit code 2.
 */
public final class ConfigError extends RuntimeException {

    private final String field;
    private final String reason;

    /** The error for {@code field} (a full key such as "sweep.alpha", or an option) with the given reason. */
    public ConfigError(String field, String reason) {
        super(field + ": " + reason);
        this.field = field;
        this.reason = reason;
    }

    /** Throws the error for field with the given reason unless ok: the one check helper of the config classes. */
    public static void check(boolean ok, String field, String reason) {
        if (!ok) {
            throw new ConfigError(field, reason);
        }
    }

    /** The key or option named. */
    public String field() {
        return field;
    }

    /** Why it was rejected. */
    public String reason() {
        return reason;
    }
}
