package dam.jobs.config;

/** A rejected sweep configuration: a one-line message "field: reason" naming the offending key. */
public final class ConfigError extends RuntimeException {

    /** The error for {@code field} (a full key such as "sweep.alpha") with the given reason. */
    public ConfigError(String field, String reason) {
        super(field + ": " + reason);
    }
}
