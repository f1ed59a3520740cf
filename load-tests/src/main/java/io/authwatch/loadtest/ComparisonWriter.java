package io.authwatch.loadtest;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** Writes a {@link ComparisonReport} as comparison.json, comparison.md and comparison.svg (median rates with ranges). */
final class ComparisonWriter {

    static final String JSON = "comparison.json";
    static final String MARKDOWN = "comparison.md";
    static final String CHART = "comparison.svg";

    private final Path dir;

    ComparisonWriter(Path dir) {
        this.dir = dir;
    }

    void write(ComparisonReport report) throws IOException {
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve(JSON).toFile(), report);
        Files.writeString(dir.resolve(MARKDOWN), markdown(report), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(CHART), svg(report), StandardCharsets.UTF_8);
    }

    static String markdown(ComparisonReport r) {
        final StringBuilder md = new StringBuilder();
        final MachineInfo m = r.machine();
        final ComparisonReport.Dataset d = r.dataset();
        line(md, "# authwatch vs the FlinkCEP peer, side by side");
        line(md, "");
        if (!r.fair()) {
            line(md, "**SMOKE RUN** (%,d records, %d round(s)): below the fair minimum of %,d records and %d rounds;"
                    + " the figures only show that the benchmark works.", r.settings().records(), r.settings().rounds(),
                    Comparison.FAIR_RECORDS, Comparison.FAIR_ROUNDS);
            line(md, "");
        }
        line(md, "Run %s, %.0f s in all. Machine: %s, %d cores, %.0f GiB RAM; %s; %s; Kafka %s.", r.startedAt(),
                r.wallSeconds(), m.cpuModel(), m.cores(), m.memoryBytes() / 1024.0 / 1024 / 1024, m.os(), m.java(),
                m.kafkaVersion());
        line(md, "Command: `%s`", r.settings().command());
        line(md, "");
        line(md, "Dataset: the peer's generator (seed %d): %,d records on %d partitions, %,d users, %,d planted automatic"
                        + " prompts before the first interaction (%,d of them on a content-hidden page), %,d bytes on disk.",
                r.settings().seed(), d.records(), r.settings().partitions(), d.users(), d.planted(),
                d.plantedContentHidden(), d.bytesOnDisk());
        line(md, "Every contender: -Xmx%s, parallelism %d, %d round(s), the order rotated each round.", r.settings().heap(),
                r.settings().parallelism(), r.settings().rounds());
        r.notes().forEach(n -> line(md, "%s", n));
        line(md, "");
        line(md, "## Throughput (records / (first record read → last record processed))");
        line(md, "");
        line(md, "| contender | runs | records/s, median | range | CPU s / 1M, monitor | CPU s / 1M, broker "
                + "| changelog MB / 1M | repartition MB / 1M | output MB / 1M | state bytes / user | peak RSS MiB |");
        line(md, "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (final ComparisonReport.Summary s : r.contenders()) {
            line(md, "| %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s |", s.description(), s.runs(),
                    num(s.rate() == null ? Double.NaN : s.rate().median(), 0), range(s.rate(), 1, 0),
                    med(s.monitorCpuSecondsPerM(), 1, 1), med(s.brokerCpuSecondsPerM(), 1, 1),
                    med(s.changelogBytesPerM(), 1e6, 1), med(s.repartitionBytesPerM(), 1e6, 1),
                    med(s.outputBytesPerM(), 1e6, 1), s.stateBytesPerUser() == null ? "heap only"
                            : med(s.stateBytesPerUser(), 1, 0), med(s.peakRssBytes(), 1024.0 * 1024, 0));
        }
        line(md, "");
        line(md, "Per-1M figures are medians over the runs, per 1,000,000 input records, inside the measured window."
                + " Bytes are what the run left in the broker's log directories (the peer writes nothing to Kafka).");
        line(md, "");
        line(md, "## Targets (issue 14)");
        line(md, "");
        line(md, "| ratio of median rates | measured | target | met |");
        line(md, "|---|---:|---:|---|");
        for (final ComparisonReport.Target t : r.targets()) {
            line(md, "| %s | %.2f× | ≥ %.1f× | %s |", t.name(), t.ratio(), t.target(), t.met() ? "yes" : "no");
        }
        line(md, "");
        final ComparisonReport.Correctness c = r.correctness();
        line(md, "## Correctness");
        line(md, "");
        line(md, "Truth (the peer's planted count): %,d. FlinkCEP matches per run: %s (%s); its late (dropped) events:"
                + " %d, unreadable records: %d.", c.truth(), c.peerMatches(), c.peerEqualsTruth() ? "equal" : "NOT EQUAL",
                c.peerLateEvents(), c.peerBadRecords());
        c.authwatchFirstScreen().forEach((name, counts) -> line(md, "- %s: 1.1 + 1.2 = %s", name, counts));
        line(md, "");
        line(md, "authwatch's 1.1 + 1.2 count %s the truth in every run.", c.authwatchEqualsTruth() ? "equals" : "DOES NOT EQUAL");
        line(md, "");
        line(md, "## Runs");
        line(md, "");
        line(md, "| round | # | contender | records | seconds | records/s | CPU s monitor | CPU s broker | 1.1 | 1.2 |");
        line(md, "|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|");
        for (final ComparisonReport.Run run : r.runs()) {
            line(md, "| %d | %d | %s | %,d | %.2f | %,.0f | %.1f | %.1f | %s | %s |", run.round(), run.position(),
                    run.contender(), run.records(), run.seconds(), run.rate(), run.monitorCpuSeconds(),
                    run.brokerCpuSeconds(), run.ruleCase11() == null ? "" : run.ruleCase11(),
                    run.ruleCase12() == null ? "" : run.ruleCase12());
        }
        return md.toString();
    }

    /** Horizontal bars: each contender's median rate, a whisker from its lowest to its highest run. */
    static String svg(ComparisonReport r) {
        final List<ComparisonReport.Summary> rows = r.contenders().stream().filter(s -> s.rate() != null).toList();
        final int left = 330;
        final int width = 1000;
        final int barArea = width - left - 120;
        final int rowHeight = 34;
        final int top = 60;
        final int height = top + rows.size() * rowHeight + 50;
        final double max = rows.stream().mapToDouble(s -> s.rate().max()).max().orElse(1);
        final StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
                + " font-family=\"sans-serif\" font-size=\"13\">%n", width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, height));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"24\" font-size=\"16\" font-weight=\"bold\">%s</text>%n",
                esc("records/s, median and range of " + r.settings().rounds() + " round(s), " + r.dataset().records()
                        + " records, -Xmx" + r.settings().heap() + ", parallelism " + r.settings().parallelism()
                        + (r.fair() ? "" : " (SMOKE RUN)"))));
        s.append(String.format(Locale.ROOT, "<text x=\"10\" y=\"44\" fill=\"#555\">%s</text>%n",
                esc(r.startedAt().substring(0, 10) + ", " + r.machine().cores() + " cores, broker on the same machine")));
        for (int i = 0; i < rows.size(); i++) {
            final ComparisonReport.Summary row = rows.get(i);
            final int y = top + i * rowHeight;
            final String colour = row.contender().startsWith("authwatch") ? "#d62728"
                    : row.contender().startsWith("flink") ? "#1f77b4" : "#7f7f7f";
            final double w = barArea * row.rate().median() / max;
            final double x0 = left + barArea * row.rate().min() / max;
            final double x1 = left + barArea * row.rate().max() / max;
            s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>%n", left - 8,
                    y + 18, esc(row.contender())));
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"22\" fill=\"%s\"/>%n",
                    left, y + 4, w, colour));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                    x0, y + 15, x1, y + 15));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                    x0, y + 9, x0, y + 21));
            s.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"black\"/>%n",
                    x1, y + 9, x1, y + 21));
            s.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\">%,.0f</text>%n", Math.max(x1, left + w) + 6,
                    y + 19, row.rate().median()));
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static String esc(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String med(CompareMath.Spread s, double unit, int decimals) {
        return s == null ? "" : num(s.median() / unit, decimals);
    }

    private static String range(CompareMath.Spread s, double unit, int decimals) {
        return s == null ? "" : num(s.min() / unit, decimals) + "–" + num(s.max() / unit, decimals);
    }

    private static String num(double v, int decimals) {
        return Double.isNaN(v) ? "" : String.format(Locale.ROOT, "%,." + decimals + "f", v);
    }

    private static void line(StringBuilder md, String format, Object... args) {
        md.append(String.format(Locale.ROOT, format, args)).append('\n');
    }
}
