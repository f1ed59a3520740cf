package io.authwatch.policy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one reader of path policies written as JSON shaped like {@link AppPathPolicy}
 * ({@code {"appId": "*", "version": 1, "rules": [{"pattern": "pages/goods/**", "category": "PRODUCT",
 * "note": "…"}]}}): the files {@code policy apply} publishes and the {@link PlatformDefaultPolicy built-in
 * default}. It checks a policy completely before anything is published: unknown fields, a blank appId,
 * a version that is not a whole number {@code >= 0}, a category that is not a {@link PathCategory}
 * symbol (exactly as spelled in the schema), a note that is not a string, every pattern against the
 * {@link Glob} grammar, and a pattern repeated. Every problem is reported at once, each naming the
 * rule's index, its pattern and the field at fault.
 */
public final class PolicyFile {

    private static final Set<String> TOP_FIELDS = Set.of("appId", "version", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("pattern", "category", "note");

    private PolicyFile() {
    }

    /** The policy in {@code file}; fails with every problem found. */
    public static AppPathPolicy read(Path file) {
        final String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new InvalidPolicyException(file + ": no such file");
        } catch (IOException e) {
            throw new InvalidPolicyException(file + ": cannot be read: " + e.getMessage());
        }
        return parse(text, file.toString());
    }

    /** The policy in {@code json}; {@code source} names it in messages. */
    public static AppPathPolicy parse(String json, String source) {
        final JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidPolicyException(source + ": not valid JSON: " + e.getOriginalMessage()
                    + " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")");
        }
        final List<String> problems = new ArrayList<>();
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException(source + ": must be a JSON object with appId, version and rules");
        }
        unknownFields(root, TOP_FIELDS, "", problems);
        final String appId = text(root, "appId", "", " (\"*\" for the platform default)", problems);
        final long version = version(root, problems);
        final List<PathRule> rules = rules(root.get("rules"), problems);
        if (!problems.isEmpty()) {
            throw new InvalidPolicyException(source + ": " + problems.size() + " problem(s):\n  - "
                    + String.join("\n  - ", problems));
        }
        return AppPathPolicy.newBuilder().setAppId(appId).setVersion(version).setRules(rules).build();
    }

    /**
     * {@code policy} as the JSON that {@link #parse} reads (and {@code policy apply} takes), pretty-printed,
     * so that {@code policy get} output can be edited and applied again.
     */
    public static String toJson(AppPathPolicy policy) {
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode root = mapper.createObjectNode();
        root.put("appId", policy.getAppId());
        root.put("version", policy.getVersion());
        final ArrayNode rules = root.putArray("rules");
        for (PathRule r : policy.getRules()) {
            final ObjectNode rule = rules.addObject();
            rule.put("pattern", r.getPattern());
            rule.put("category", r.getCategory().name());
            if (r.getNote() != null) {
                rule.put("note", r.getNote());
            }
        }
        try {
            return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a policy could not be written as JSON", e);
        }
    }

    private static long version(JsonNode root, List<String> problems) {
        final JsonNode v = root.get("version");
        if (v == null || !v.canConvertToLong() || !v.isIntegralNumber() || v.asLong() < 0) {
            problems.add("version: must be a whole number >= 0" + (v == null ? " (missing)" : ", got " + v));
            return 0;
        }
        return v.asLong();
    }

    private static List<PathRule> rules(JsonNode rules, List<String> problems) {
        final List<PathRule> out = new ArrayList<>();
        if (rules == null || !rules.isArray()) {
            problems.add("rules: must be an array of {pattern, category, note}");
            return out;
        }
        final Map<String, Integer> firstIndexByPattern = new HashMap<>();
        for (int i = 0; i < rules.size(); i++) {
            final JsonNode rule = rules.get(i);
            final String where = "rules[" + i + "]";
            if (!rule.isObject()) {
                problems.add(where + ": must be an object {pattern, category, note}");
                continue;
            }
            final String pattern = text(rule, "pattern", where + ".", "", problems);
            final String at = pattern == null ? where : where + " (pattern '" + pattern + "')";
            unknownFields(rule, RULE_FIELDS, at + ": ", problems);
            if (pattern != null) {
                globProblem(pattern).ifPresent(p -> problems.add(at + ": " + p));
                final Integer earlier = firstIndexByPattern.putIfAbsent(pattern, i);
                if (earlier != null) {
                    problems.add(at + ": repeats rules[" + earlier + "]; first match wins, so it would never apply");
                }
            }
            final PathCategory category = category(rule.get("category"), at, problems);
            final JsonNode note = rule.get("note");
            if (note != null && !note.isNull() && !note.isTextual()) {
                problems.add(at + ": note must be a string or null");
            }
            if (pattern != null && category != null) {
                out.add(PathRule.newBuilder().setPattern(pattern).setCategory(category)
                        .setNote(note == null || note.isNull() ? null : note.asText()).build());
            }
        }
        return out;
    }

    /** What the one glob grammar says of {@code pattern}, the same check the running monitor makes. */
    private static Optional<String> globProblem(String pattern) {
        try {
            Glob.compile(pattern);
            return Optional.empty();
        } catch (InvalidPolicyException e) {
            return Optional.of(e.getMessage());
        }
    }

    private static PathCategory category(JsonNode node, String at, List<String> problems) {
        final List<String> names = new ArrayList<>();
        for (PathCategory c : PathCategory.values()) {
            names.add(c.name());
        }
        if (node == null || !node.isTextual() || !names.contains(node.asText())) {
            problems.add(at + ": category " + (node == null ? "is missing" : node + " is not one of")
                    + (node == null ? " (one of " + names + ")" : " " + names));
            return null;
        }
        return PathCategory.valueOf(node.asText());
    }

    private static String text(JsonNode node, String field, String prefix, String hint, List<String> problems) {
        final JsonNode v = node.get(field);
        if (v == null || !v.isTextual() || v.asText().isBlank()) {
            problems.add(prefix + field + ": must be a non-empty string" + hint
                    + (v == null ? " (missing)" : ", got " + v));
            return null;
        }
        return v.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String prefix, List<String> problems) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            final String name = names.next();
            if (!known.contains(name)) {
                problems.add(prefix + "unknown field '" + name + "' (expected " + known + ")");
            }
        }
    }
}
