package io.authwatch.policy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reads a path policy written as JSON shaped like {@link AppPathPolicy} (the form operators keep in
 * {@code deploy/policies/} and publish with {@code policy apply}):
 * <pre>{"appId": "*", "version": 3, "rules": [{"pattern": "**&#47;login/**", "category": "ACCOUNT", "note": "…"}]}</pre>
 * Everything is checked: unknown fields, a blank appId, a negative version, an unknown category and
 * every glob; the first problem fails with an {@link InvalidPolicyException} naming where it is.
 */
public final class PolicyJson {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> POLICY_FIELDS = Set.of("appId", "version", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("pattern", "category", "note");

    private PolicyJson() {
    }

    public static AppPathPolicy read(InputStream json) throws IOException {
        return fromTree(MAPPER.readTree(json));
    }

    public static AppPathPolicy read(String json) throws IOException {
        return fromTree(MAPPER.readTree(json));
    }

    private static AppPathPolicy fromTree(JsonNode root) {
        if (root == null || !root.isObject()) {
            throw new InvalidPolicyException("a policy must be a JSON object with appId, version and rules");
        }
        checkFields(root, POLICY_FIELDS, "policy");
        final String appId = text(root, "appId", "policy");
        if (appId.isBlank()) {
            throw new InvalidPolicyException("policy: 'appId' is blank (use \"*\" for the platform default)");
        }
        final JsonNode version = root.get("version");
        if (version == null || !version.canConvertToExactIntegral() || version.asLong() < 0) {
            throw new InvalidPolicyException("policy: 'version' must be a whole number >= 0");
        }
        final JsonNode rules = root.get("rules");
        if (rules == null || !rules.isArray()) {
            throw new InvalidPolicyException("policy: 'rules' must be an array");
        }
        final List<PathRule> parsed = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            parsed.add(rule(rules.get(i), "rules[" + i + "]"));
        }
        final AppPathPolicy policy = AppPathPolicy.newBuilder().setAppId(appId).setVersion(version.asLong())
                .setRules(parsed).build();
        CompiledPolicy.strict(policy);
        return policy;
    }

    private static PathRule rule(JsonNode node, String where) {
        if (!node.isObject()) {
            throw new InvalidPolicyException(where + ": must be an object with pattern and category");
        }
        checkFields(node, RULE_FIELDS, where);
        final String pattern = text(node, "pattern", where);
        final String categoryName = text(node, "category", where);
        final PathCategory category;
        try {
            category = PathCategory.valueOf(categoryName.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidPolicyException(where + ": unknown category '" + categoryName + "'", e);
        }
        try {
            Glob.compile(pattern);
        } catch (InvalidPolicyException e) {
            throw new InvalidPolicyException(where + ": " + e.getMessage(), e);
        }
        final JsonNode note = node.get("note");
        return PathRule.newBuilder().setPattern(pattern).setCategory(category)
                .setNote(note == null || note.isNull() ? null : note.asText()).build();
    }

    private static String text(JsonNode node, String field, String where) {
        final JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new InvalidPolicyException(where + ": '" + field + "' must be a string");
        }
        return value.asText();
    }

    private static void checkFields(JsonNode node, Set<String> known, String where) {
        final Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            final String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidPolicyException(where + ": unknown field '" + name + "'");
            }
        }
    }
}
