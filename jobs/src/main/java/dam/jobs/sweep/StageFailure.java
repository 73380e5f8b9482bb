package dam.jobs.sweep;

/** A run that failed at a named stage ("batch 3/8 (12 grid points): writing trials/"); the cause says why. */
public final class StageFailure extends RuntimeException {

    private final String stage;

    /** The failure of cause while doing stage. */
    public StageFailure(String stage, Throwable cause) {
        super(stage + ": " + cause, cause);
        this.stage = stage;
    }

    /** What the run was doing. */
    public String stage() {
        return stage;
    }
}
