package io.authwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Every PromQL expression that deploy/ ships (dashboard targets, alert rules), made queryable as is:
 * Grafana's interval variables get concrete ranges, and an alert's comparisons become {@code bool}
 * comparisons, so that a healthy system (no alert firing) still returns one sample per series and
 * "returns data" means "every series the alert looks at exists".
 */
public final class PromQlExpressions {

    private PromQlExpressions() {
    }

    /** Title (panel or alert name, numbered when repeated) to a query Prometheus can run. */
    public static Map<String, String> all() {
        final Map<String, String> out = new LinkedHashMap<>();
        final JsonNode dashboard = DeployFiles.json(DeployFiles.deploy("grafana/dashboards/authwatch.json"));
        for (final JsonNode panel : dashboard.get("panels")) {
            for (final JsonNode target : panel.path("targets")) {
                out.put("panel '" + panel.get("title").asText() + "' " + target.get("refId").asText(),
                        grafanaToPromQl(target.get("expr").asText()));
            }
        }
        final JsonNode rules = DeployFiles.yaml(DeployFiles.deploy("prometheus/alerts.yml"));
        for (final JsonNode group : rules.get("groups")) {
            for (final JsonNode rule : group.get("rules")) {
                out.put("alert " + rule.get("alert").asText(), comparisonsAsBool(rule.get("expr").asText()));
            }
        }
        return out;
    }

    static String grafanaToPromQl(String expr) {
        return expr.replace("$job", "authwatch").replace("$__rate_interval", "1m").replace("$__interval", "15s").replace("$__range", "1h");
    }

    /**
     * Adds {@code bool} after each comparison operator outside label matchers and strings:
     * {@code x > 1} becomes {@code x > bool 1}.
     */
    static String comparisonsAsBool(String expr) {
        final StringBuilder out = new StringBuilder();
        int braces = 0;
        char quote = 0;
        for (int i = 0; i < expr.length(); i++) {
            final char c = expr.charAt(i);
            out.append(c);
            if (quote != 0) {
                if (c == '\\' && i + 1 < expr.length()) {
                    out.append(expr.charAt(++i));
                } else if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                quote = c;
            } else if (c == '{') {
                braces++;
            } else if (c == '}') {
                braces--;
            } else if (braces == 0 && isComparison(expr, i)) {
                final boolean twoChars = i + 1 < expr.length() && expr.charAt(i + 1) == '=';
                final int opEnd = twoChars ? i + 2 : i + 1;
                out.append(expr, i + 1, opEnd);
                i = opEnd - 1;
                if (!expr.substring(opEnd).stripLeading().startsWith("bool")) {
                    out.append(" bool");
                }
            }
        }
        return out.toString();
    }

    private static boolean isComparison(String expr, int i) {
        final char c = expr.charAt(i);
        final char next = i + 1 < expr.length() ? expr.charAt(i + 1) : ' ';
        return c == '>' || c == '<' || (c == '=' && next == '=') || (c == '!' && next == '=');
    }
}
