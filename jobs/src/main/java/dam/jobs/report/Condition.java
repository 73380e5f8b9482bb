package dam.jobs.report;

import java.util.Comparator;

import dam.core.model.MemoryModel;

/**
 * The model and temperature a row of the tables was computed at: what a figure drawn per model and temperature is
 * drawn for, and what its file name and title name.
 */
record Condition(MemoryModel model, double temperature) implements Comparable<Condition> {

    private static final Comparator<Condition> ORDER = Comparator.comparing(Condition::model)
            .thenComparingDouble(Condition::temperature);

    /**
     * The file name stem + "_" + model (unless dense) + "_temperature" + temperature (unless 0) + ".png": the dense model
     * at temperature 0 keeps the names its figures had before the axes.
     */
    String fileName(String stem) {
        return stem + (model == MemoryModel.DENSE ? "" : "_" + model.key())
                + (temperature == 0 ? "" : "_temperature" + Panels.number(temperature)) + ".png";
    }

    /** "dense model, temperature 0": how a title names the condition. */
    String label() {
        return model.key() + " model, temperature " + Panels.number(temperature);
    }

    @Override
    public int compareTo(Condition other) {
        return ORDER.compare(this, other);
    }
}
