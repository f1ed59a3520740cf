package io.authwatch.backtest;

import io.authwatch.backtest.BacktestReport.ActionView;
import io.authwatch.backtest.BacktestReport.EvidenceView;
import io.authwatch.backtest.BacktestReport.Row;
import io.authwatch.backtest.BacktestReport.ViolationView;
import java.util.List;
import java.util.Locale;

/** {@code report.html}: one self-contained page (inline CSS, no script, no external asset). */
final class ReportPage {

    private static final String CSS = """
            body{font:14px/1.45 system-ui,sans-serif;margin:24px;color:#1d2330;background:#fff}
            h1{font-size:20px;margin:0 0 4px}h2{font-size:16px;margin:28px 0 8px;border-bottom:1px solid #d5dae3}
            .headline{background:#f3f6fb;border-left:4px solid #3568d4;padding:10px 14px;margin:12px 0}
            .meta{color:#5a6475}table{border-collapse:collapse;margin:6px 0 12px;min-width:480px}
            th,td{border:1px solid #d5dae3;padding:4px 8px;text-align:left;vertical-align:top}
            th{background:#eef1f6}td.n{text-align:right;font-variant-numeric:tabular-nums}
            .gone{color:#1d7a3a;font-weight:600}.new{color:#b3261e;font-weight:600}
            .ok{color:#1d7a3a;font-weight:600}.bad{color:#b3261e;font-weight:600}
            .v{border:1px solid #d5dae3;border-radius:4px;padding:8px 10px;margin:8px 0}
            .v code{font-size:12px}.ev{font-size:12px;min-width:0}.ev td{padding:2px 6px}
            """;

    private ReportPage() {
    }

    static String render(BacktestReport r) {
        final StringBuilder h = new StringBuilder(16_384);
        h.append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>authwatch backtest ")
                .append(esc(r.range().candidateAppId())).append("</title><style>").append(CSS).append("</style></head><body>");
        h.append("<h1>Backtest of the candidate policy for ").append(esc(r.range().candidateAppId()))
                .append(" (version ").append(r.range().candidateVersion()).append(", ")
                .append(r.range().candidateRules()).append(" rules)</h1>");
        h.append("<div class=\"meta\">Range [").append(r.range().from()).append(", ").append(r.range().to())
                .append(") of Kafka record time, state warmed up from ").append(r.range().warmUpFrom())
                .append(r.range().apps().isEmpty() ? "; all apps" : "; apps " + esc(String.join(", ", r.range().apps())))
                .append(String.format(Locale.ROOT, ". %,d records (%,d warm-up, %,d in range, %,d skipped) replayed twice in %.1f s.",
                        r.input().records(), r.input().warmUpRecords(), r.input().rangeRecords(), r.input().skipped(),
                        r.input().seconds()))
                .append("</div>");
        h.append("<p class=\"headline\" id=\"headline\">").append(esc(ReportFiles.headline(r))).append("</p>");
        rules(h, r.rows());
        actions(h, r.actions());
        samples(h, "Only in the current run (would disappear)", "samples-only-current", r.samples().onlyCurrent());
        samples(h, "Only in the candidate run (would appear)", "samples-only-candidate", r.samples().onlyCandidate());
        samples(h, "In both runs", "samples-both", r.samples().both());
        check(h, r.replayCheck());
        return h.append("</body></html>\n").toString();
    }

    private static void rules(StringBuilder h, List<Row> rows) {
        h.append("<h2>Violations per app and rule</h2>");
        String app = null;
        for (final Row row : rows) {
            if (!row.appId().equals(app)) {
                if (app != null) {
                    h.append("</table>");
                }
                app = row.appId();
                h.append("<h3>").append(esc(app)).append("</h3><table class=\"rules\" data-app=\"").append(esc(app))
                        .append("\"><tr><th>rule</th><th>only current</th><th>only candidate</th><th>both</th></tr>");
            }
            h.append("<tr><td>").append(row.rule()).append("</td><td class=\"n gone\">").append(row.onlyCurrent())
                    .append("</td><td class=\"n new\">").append(row.onlyCandidate()).append("</td><td class=\"n\">")
                    .append(row.both()).append("</td></tr>");
        }
        h.append(app == null ? "<p>No violation in the range, in either run.</p>" : "</table>");
    }

    private static void actions(StringBuilder h, BacktestReport.Actions a) {
        h.append("<h2>Enforcement actions</h2>");
        actionTable(h, "Would appear", "new", "actions-appear", a.appear());
        actionTable(h, "Would disappear", "gone", "actions-disappear", a.disappear());
    }

    private static void actionTable(StringBuilder h, String title, String css, String id, List<ActionView> actions) {
        h.append("<h3 class=\"").append(css).append("\">").append(title).append(": ").append(actions.size()).append("</h3>");
        if (actions.isEmpty()) {
            return;
        }
        h.append("<table id=\"").append(id).append("\"><tr><th>app</th><th>action</th><th>window</th>"
                + "<th>affected / active users</th><th>effective from</th><th>reason</th></tr>");
        for (final ActionView x : actions) {
            h.append("<tr><td>").append(esc(x.appId())).append("</td><td>").append(x.action()).append("</td><td>")
                    .append(x.windowStart()).append(" – ").append(x.windowEnd()).append("</td><td class=\"n\">")
                    .append(x.affectedUsers()).append(" / ").append(x.activeUsers()).append("</td><td>")
                    .append(x.effectiveFrom()).append("</td><td>").append(esc(x.reason())).append("</td></tr>");
        }
        h.append("</table>");
    }

    private static void samples(StringBuilder h, String title, String id, List<ViolationView> samples) {
        h.append("<h2 id=\"").append(id).append("\">").append(title).append(": samples</h2>");
        if (samples.isEmpty()) {
            h.append("<p>None.</p>");
        }
        for (final ViolationView v : samples) {
            h.append("<div class=\"v\"><b>").append(v.rule()).append("</b> (case ").append(esc(v.ruleCase()))
                    .append(", ").append(v.severity()).append(", ").append(v.confidence()).append(") in <b>")
                    .append(esc(v.appId())).append("</b> at <code>").append(esc(v.path())).append("</code>, category ")
                    .append(v.category()).append(", policy v").append(v.policyVersion()).append("<br>")
                    .append(esc(v.reason())).append("<br><span class=\"meta\">").append(v.eventTime())
                    .append(" · user ").append(esc(v.userRef())).append(" · <code>").append(esc(v.violationId()))
                    .append("</code></span><table class=\"ev\"><tr><th>event time</th><th>type</th><th>path</th><th>detail</th></tr>");
            for (final EvidenceView e : v.evidence()) {
                h.append("<tr><td>").append(e.eventTime()).append("</td><td>").append(esc(e.type())).append("</td><td>")
                        .append(esc(e.path())).append("</td><td>").append(esc(e.detail())).append("</td></tr>");
            }
            h.append("</table></div>");
        }
    }

    private static void check(StringBuilder h, BacktestReport.ReplayCheck c) {
        h.append("<h2>Replay check</h2><p id=\"replay-check\" class=\"").append(c.exact() ? "ok" : "bad").append("\">")
                .append(c.exact() ? "Exact: " : "Not exact: ").append(c.matched()).append(" of the ").append(c.live())
                .append(" violations the live topic holds for the range are reproduced field for field (detectedAt aside) by the current run.")
                .append("</p><table><tr><th>replayed (current)</th><th>live</th><th>matched</th><th>only replayed</th>"
                        + "<th>only live</th><th>differing</th></tr><tr>");
        for (final int n : new int[] {c.replayed(), c.live(), c.matched(), c.onlyReplayed(), c.onlyLive(), c.differing()}) {
            h.append("<td class=\"n\">").append(n).append("</td>");
        }
        h.append("</tr></table>");
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
