package io.github.camelzoho.attachments.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoublePredicate;

/** The rows every benchmark adds, rendered as a console table, CSV and Markdown. */
final class ResultTable {

    /**
     * One figure, optionally against its baseline (measured side by side in the same run) and a goal.
     *
     * @param ratio
     *            value / baseline, or null when there is no baseline
     * @param met
     *            whether the goal is met, or null when there is no goal
     */
    record Row(String benchmark, String metric, double value, String unit, String baselineName, Double baseline,
            Double ratio, String goal, Boolean met) {
    }

    private final List<Row> rows = new ArrayList<>();

    void add(Row row) {
        rows.add(row);
        System.out.println("  " + row.metric() + ": " + measured(row) + (row.baseline() == null ? "" : " vs " + baseline(row))
                + (row.ratio() == null ? "" : ", ratio " + ratio(row)) + (row.goal() == null
                        ? ""
                        : ", goal " + row.goal()
                                + (Boolean.TRUE.equals(row.met()) ? " met" : " NOT met")));
    }

    /** A figure with a baseline; the ratio is value / baseline, and {@code goalMet} (null: no goal) judges it. */
    void compare(String benchmark, String metric, double value, String unit, String baselineName, double baseline,
            String goal, DoublePredicate goalMet) {
        double ratio = value / baseline;
        add(new Row(benchmark, metric, value, unit, baselineName, baseline, ratio, goal,
                goalMet == null ? null : goalMet.test(ratio)));
    }

    /** A figure without a baseline, with an optional goal. */
    void figure(String benchmark, String metric, double value, String unit, String goal, Boolean met) {
        add(new Row(benchmark, metric, value, unit, null, null, null, goal, met));
    }

    List<Row> rows() {
        return rows;
    }

    void print(PrintStream out) {
        String[] header = {"benchmark", "metric", "measured", "baseline", "ratio", "goal", "met"};
        List<String[]> cells = new ArrayList<>();
        cells.add(header);
        for (Row row : rows) {
            cells.add(cells(row));
        }
        int[] widths = new int[header.length];
        for (String[] line : cells) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        for (int r = 0; r < cells.size(); r++) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < header.length; i++) {
                text.append(String.format(Locale.ROOT, "%-" + widths[i] + "s", cells.get(r)[i])).append(i + 1 < header.length
                        ? " | "
                        : "");
            }
            out.println(text.toString().stripTrailing());
            if (r == 0) {
                out.println("-".repeat(text.length()));
            }
        }
    }

    void writeCsv(Path file) throws IOException {
        StringBuilder csv = new StringBuilder("benchmark,metric,value,unit,baseline,baseline_value,ratio,goal,met\n");
        for (Row row : rows) {
            csv.append(String.join(",", csv(row.benchmark()), csv(row.metric()), number(row.value()), csv(row.unit()),
                    csv(row.baselineName()), row.baseline() == null ? "" : number(row.baseline()),
                    row.ratio() == null ? "" : String.format(Locale.ROOT, "%.4f", row.ratio()), csv(row.goal()),
                    row.met() == null ? "" : row.met().toString())).append('\n');
        }
        Files.createDirectories(file.getParent());
        Files.writeString(file, csv, StandardCharsets.UTF_8);
    }

    void writeMarkdown(Path file, Machine machine, Map<String, String> arguments, String command) throws IOException {
        StringBuilder md = new StringBuilder();
        md.append("| benchmark | metric | measured | baseline | ratio | goal | met |\n");
        md.append("|---|---|--:|--:|--:|---|---|\n");
        for (Row row : rows) {
            String[] c = cells(row);
            md.append("| ").append(String.join(" | ", c)).append(" |\n");
        }
        md.append('\n').append(machine.markdown());
        md.append("\nCommand: `").append(command).append('`');
        Map<String, String> shown = new LinkedHashMap<>(arguments);
        shown.remove("out"); // where the files go, not what was measured
        if (!shown.isEmpty()) {
            md.append(" with arguments `").append(shown).append('`');
        }
        md.append('\n');
        Files.createDirectories(file.getParent());
        Files.writeString(file, md, StandardCharsets.UTF_8);
    }

    private static String[] cells(Row row) {
        return new String[]{row.benchmark(), row.metric(), measured(row), row.baseline() == null ? "" : baseline(row),
                row.ratio() == null ? "" : ratio(row), row.goal() == null ? "" : row.goal(),
                row.met() == null ? "" : row.met() ? "yes" : "NO"};
    }

    private static String measured(Row row) {
        return number(row.value()) + (row.unit().isEmpty() ? "" : " " + row.unit());
    }

    private static String baseline(Row row) {
        return number(row.baseline()) + (row.unit().isEmpty() ? "" : " " + row.unit()) + " (" + row.baselineName() + ")";
    }

    private static String ratio(Row row) {
        return String.format(Locale.ROOT, "%.3f", row.ratio());
    }

    /** Up to 3 decimals for small figures, whole numbers for large ones. */
    static String number(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return String.format(Locale.ROOT, "%d", (long) value);
        }
        if (Math.abs(value) >= 100) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        if (Math.abs(value) >= 10) {
            return String.format(Locale.ROOT, "%.1f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String csv(String text) {
        if (text == null) {
            return "";
        }
        return text.contains(",") || text.contains("\"") ? "\"" + text.replace("\"", "\"\"") + "\"" : text;
    }
}
