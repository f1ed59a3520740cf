package io.authwatch.backtest;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes a report to {@code --out}: {@value #JSON} and the page for people, {@value #HTML}. */
public final class ReportFiles {

    public static final String JSON = "report.json";
    public static final String HTML = "report.html";

    private static final ObjectMapper MAPPER = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).enable(SerializationFeature.INDENT_OUTPUT)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private ReportFiles() {
    }

    public static void write(BacktestReport report, Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(JSON), MAPPER.writeValueAsString(report), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(HTML), ReportPage.render(report), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Reads a {@value #JSON} back (tests, tools). */
    public static BacktestReport read(Path file) throws IOException {
        return MAPPER.readValue(file.toFile(), BacktestReport.class);
    }

    /** The report's headline, for the terminal and the page. */
    public static String headline(BacktestReport r) {
        final BacktestReport.Totals t = r.totals();
        final BacktestReport.ReplayCheck c = r.replayCheck();
        return String.format(java.util.Locale.ROOT,
                "candidate %s v%d: %d violations would disappear, %d appear, %d stay (current %d, candidate %d); "
                        + "enforcement actions: %d appear, %d disappear; replay check: %d of %d live violations "
                        + "reproduced%s",
                r.range().candidateAppId(), r.range().candidateVersion(), t.onlyCurrent(), t.onlyCandidate(), t.both(),
                t.current(), t.candidate(), t.actionsAppearing(), t.actionsDisappearing(), c.matched(), c.live(),
                c.exact() ? " (exact)" : " (" + c.onlyReplayed() + " only replayed, " + c.onlyLive() + " only live, "
                        + c.differing() + " differing)");
    }
}
