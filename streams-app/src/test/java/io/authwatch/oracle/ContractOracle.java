package io.authwatch.oracle;

import io.authwatch.config.AuthwatchConfig;
import io.authwatch.policy.PathCategory;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.OrderContext;
import io.authwatch.telemetry.PageView;
import io.authwatch.telemetry.PhoneAuthPrompt;
import io.authwatch.telemetry.PhoneAuthResult;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.ServiceMode;
import io.authwatch.telemetry.TelemetryEvent;
import io.authwatch.telemetry.UserInteraction;
import io.authwatch.violation.Confidence;
import io.authwatch.violation.RuleId;
import io.authwatch.violation.Severity;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * An independent batch evaluator of CONTRACT.md §4, written from the contract's text alone (it
 * shares no code with the production rules): given one user's whole history it computes the
 * violations the topology must emit. Slow and literal on purpose: each helper is one sentence of
 * the contract, quoted next to it.
 *
 * <p>Decisions for points the contract leaves open (the topology follows them too): the in-store
 * scene is the latest OrderContext of the session at or before the prompt in seq order; a refusal's
 * time is the eventTime of its PhoneAuthResult; a refusal counts for the prompts after it in the
 * sorted history. Readings of our own: the forced-window holds the session's events after the
 * refusal (in seq order) whose eventTime is at most refusal time + window; "moved to another path"
 * is a PageView of another path; rules 1.x and 3 are always CONFIRMED ("NEEDS_REVIEW ... (rules 2
 * and 4)").
 */
final class ContractOracle {

    private final OraclePolicies policies;
    private final Duration forcedWindow;
    private final Duration cooldown;
    private final String userRefSecret;

    ContractOracle(OraclePolicies policies, Duration forcedWindow, Duration cooldown, String userRefSecret) {
        this.policies = policies;
        this.forcedWindow = forcedWindow;
        this.cooldown = cooldown;
        this.userRefSecret = userRefSecret;
    }

    static ContractOracle from(AuthwatchConfig config, OraclePolicies policies) {
        return new ContractOracle(policies, config.duration("rule.forced-window"),
                config.duration("rule.reprompt.cooldown"), config.string("user-ref.secret"));
    }

    /** The violations of one user's history. */
    List<ExpectedViolation> evaluate(UserHistory user) {
        final List<TelemetryEvent> history = user.sorted();
        final List<ExpectedViolation> out = new ArrayList<>();
        for (int p = 0; p < history.size(); p++) {
            // "Rules, evaluated for each app-initiated prompt P."
            if (!appInitiated(history.get(p))) {
                continue;
            }
            // "At most one of rules 1.x/2/3 applies to P (the first that matches, in this order);
            // rule 4 is independent and may apply as well."
            firstOfRules1To3(history, p).ifPresent(out::add);
            if (rule4Applies(history, p)) {
                out.add(violation(history, p, RuleId.REPROMPT_AFTER_DENIAL, "4", rule4Severity(history, p), true));
            }
        }
        return out;
    }

    private Optional<ExpectedViolation> firstOfRules1To3(List<TelemetryEvent> h, int p) {
        final PhoneAuthPrompt prompt = prompt(h.get(p));
        // 1.2: "P comes before the first interaction, and the latest PageView of P's path before P
        // in the session has contentVisible=false" — HIGH
        if (beforeFirstInteraction(h, p) && latestPageViewOfPathBefore(h, p).map(v -> !v.getContentVisible()).orElse(false)) {
            return Optional.of(violation(h, p, RuleId.CONTENT_GATED_ENTRY, "1.2", Severity.HIGH, false));
        }
        // 1.1: "P comes before the first interaction" — "MEDIUM; HIGH if blocking"
        if (beforeFirstInteraction(h, p)) {
            return Optional.of(violation(h, p, RuleId.FIRST_SCREEN_PROMPT, "1.1", mediumOrHighIfBlocking(prompt), false));
        }
        // 3: "P is forced, the session is in an in-store scene, and the decisive category is not
        // REGULATED_IDENTITY" — HIGH
        if (forced(h, p) && inStoreScene(h, p) && decisiveCategory(h, p) != PathCategory.REGULATED_IDENTITY) {
            return Optional.of(violation(h, p, RuleId.NON_ESSENTIAL_SCENE_PROMPT, "3", Severity.HIGH, false));
        }
        // 2: "P is forced and the decisive category is not phone-essential" — "MEDIUM; HIGH if blocking"
        if (forced(h, p) && !OraclePolicies.phoneEssential(decisiveCategory(h, p))) {
            return Optional.of(violation(h, p, RuleId.NON_ESSENTIAL_SECTION_PROMPT, "2", mediumOrHighIfBlocking(prompt), true));
        }
        return Optional.empty();
    }

    /**
     * 4: "the user refused a prompt of the same app within rule.reprompt.cooldown before P — in an
     * earlier session (re-opening) or earlier in this one (looping) — with no GRANTED since, and P's
     * decisive category is not phone-essential or P comes before the first interaction".
     */
    private boolean rule4Applies(List<TelemetryEvent> h, int p) {
        if (!appInitiated(h.get(p))) {
            return false;
        }
        final boolean categoryOrFirstScreen = !OraclePolicies.phoneEssential(decisiveCategory(h, p))
                || beforeFirstInteraction(h, p);
        return categoryOrFirstScreen && refusedWithinCooldownWithNoGrantSince(h, p);
    }

    private boolean refusedWithinCooldownWithNoGrantSince(List<TelemetryEvent> h, int p) {
        final long promptTime = time(h.get(p));
        // "a refusal counts for the prompts that are evaluated after it": r < p in the sorted history
        for (int r = 0; r < p; r++) {
            final boolean withinCooldown = promptTime - time(h.get(r)) <= cooldown.toMillis();
            if (isRefusal(h.get(r)) && withinCooldown && noGrantedBetween(h, r, p)) {
                return true;
            }
        }
        return false;
    }

    /** "HIGH from the 3rd prompt this rule applied to for the same user since that user's last GRANTED". */
    private Severity rule4Severity(List<TelemetryEvent> h, int p) {
        int applied = 0;
        for (int q = lastGrantedBefore(h, p) + 1; q <= p; q++) {
            if (rule4Applies(h, q)) {
                applied++;
            }
        }
        return applied >= 3 ? Severity.HIGH : Severity.MEDIUM;
    }

    /** "App-initiated prompt: a PhoneAuthPrompt whose trigger is not USER_REQUEST." */
    private static boolean appInitiated(TelemetryEvent e) {
        return e.getPayload() instanceof PhoneAuthPrompt prompt && prompt.getTrigger() != PromptTrigger.USER_REQUEST;
    }

    /**
     * "Before the first interaction: no UserInteraction precedes the prompt in its session, and the
     * prompt's own trigger is PAGE_LOAD or UNKNOWN (a NAVIGATION or ACTION trigger is itself a tap)."
     */
    private static boolean beforeFirstInteraction(List<TelemetryEvent> h, int p) {
        final PromptTrigger trigger = prompt(h.get(p)).getTrigger();
        final boolean ownTriggerIsNoTap = trigger == PromptTrigger.PAGE_LOAD || trigger == PromptTrigger.UNKNOWN;
        return ownTriggerIsNoTap && sessionBefore(h, p).stream().noneMatch(e -> e.getPayload() instanceof UserInteraction);
    }

    /** "the latest PageView of P's path before P in the session". */
    private static Optional<PageView> latestPageViewOfPathBefore(List<TelemetryEvent> h, int p) {
        final String path = prompt(h.get(p)).getPath();
        PageView latest = null;
        for (final TelemetryEvent e : sessionBefore(h, p)) {
            if (e.getPayload() instanceof PageView view && view.getPath().equals(path)) {
                latest = view;
            }
        }
        return Optional.ofNullable(latest);
    }

    /** "Decisive path: targetPath if set, else path". */
    private static String decisivePath(PhoneAuthPrompt prompt) {
        return prompt.getTargetPath() != null ? prompt.getTargetPath() : prompt.getPath();
    }

    /** "its category comes from the policy". */
    private PathCategory decisiveCategory(List<TelemetryEvent> h, int p) {
        return policies.classify(h.get(p).getAppId(), decisivePath(prompt(h.get(p)))).category();
    }

    /**
     * "In-store scene: the session's latest OrderContext has serviceMode DINE_IN or PICKUP" (the
     * latest at or before P in seq order, as decided by the lead).
     */
    private static boolean inStoreScene(List<TelemetryEvent> h, int p) {
        OrderContext latest = null;
        for (final TelemetryEvent e : sessionBefore(h, p)) {
            if (e.getPayload() instanceof OrderContext order) {
                latest = order;
            }
        }
        return latest != null && (latest.getServiceMode() == ServiceMode.DINE_IN
                || latest.getServiceMode() == ServiceMode.PICKUP);
    }

    /**
     * "Forced: blocking=true; or the prompt is refused (DENIED or DISMISSED) and the events of the
     * session within rule.forced-window after the refusal show that the user was kept out of the
     * decisive path".
     */
    private boolean forced(List<TelemetryEvent> h, int p) {
        final PhoneAuthPrompt prompt = prompt(h.get(p));
        if (prompt.getBlocking()) {
            return true;
        }
        final Optional<Integer> refusal = resultOf(h, p).filter(r -> isRefusal(h.get(r)));
        return refusal.isPresent() && keptOut(prompt, windowAfter(h, refusal.get()));
    }

    private static boolean keptOut(PhoneAuthPrompt prompt, List<TelemetryEvent> window) {
        // "A refusal with no later event in the window is not forced: there is no evidence"
        if (window.isEmpty()) {
            return false;
        }
        if (prompt.getTargetPath() != null) {
            // "with a targetPath: the session has at least one later event in the window, and none
            // of them is a PageView of the target with contentVisible=true or a UserInteraction on
            // the target"
            final String target = prompt.getTargetPath();
            return window.stream().noneMatch(e -> isVisibleView(e, target)
                    || e.getPayload() instanceof UserInteraction tap && tap.getPath().equals(target));
        }
        // "without a targetPath (the prompt's own page is decisive): in the window the page is shown
        // with contentVisible=false, or the user is moved to another path with no UserInteraction in
        // between (a redirect), and the page is not shown again with contentVisible=true"
        final String page = prompt.getPath();
        final boolean shownBlank = window.stream().anyMatch(e -> e.getPayload() instanceof PageView view
                && view.getPath().equals(page) && !view.getContentVisible());
        final boolean shownAgain = window.stream().anyMatch(e -> isVisibleView(e, page));
        return (shownBlank || redirected(page, window)) && !shownAgain;
    }

    /** "the user is moved to another path with no UserInteraction in between (a redirect)". */
    private static boolean redirected(String page, List<TelemetryEvent> window) {
        for (final TelemetryEvent e : window) {
            if (e.getPayload() instanceof UserInteraction) {
                return false;
            }
            if (e.getPayload() instanceof PageView view && !view.getPath().equals(page)) {
                return true;
            }
        }
        return false;
    }

    /** The session's events after the refusal at index r, up to refusal time + rule.forced-window. */
    private List<TelemetryEvent> windowAfter(List<TelemetryEvent> h, int r) {
        final long end = time(h.get(r)) + forcedWindow.toMillis();
        final List<TelemetryEvent> window = new ArrayList<>();
        for (int i = r + 1; i < h.size() && sameSession(h.get(i), h.get(r)); i++) {
            if (time(h.get(i)) <= end) {
                window.add(h.get(i));
            }
        }
        return window;
    }

    /** The index of the PhoneAuthResult answering the prompt at p, in the prompt's session. */
    private static Optional<Integer> resultOf(List<TelemetryEvent> h, int p) {
        final String promptId = prompt(h.get(p)).getPromptId();
        for (int i = p + 1; i < h.size() && sameSession(h.get(i), h.get(p)); i++) {
            if (h.get(i).getPayload() instanceof PhoneAuthResult result && result.getPromptId().equals(promptId)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    /** "Refusal: an outcome DENIED or DISMISSED." */
    private static boolean isRefusal(TelemetryEvent e) {
        return e.getPayload() instanceof PhoneAuthResult result
                && (result.getOutcome() == AuthOutcome.DENIED || result.getOutcome() == AuthOutcome.DISMISSED);
    }

    /** "A later GRANTED clears it." */
    private static boolean noGrantedBetween(List<TelemetryEvent> h, int from, int to) {
        return h.subList(from + 1, to).stream().noneMatch(ContractOracle::isGranted);
    }

    private static int lastGrantedBefore(List<TelemetryEvent> h, int p) {
        int last = -1;
        for (int i = 0; i < p; i++) {
            if (isGranted(h.get(i))) {
                last = i;
            }
        }
        return last;
    }

    private static boolean isGranted(TelemetryEvent e) {
        return e.getPayload() instanceof PhoneAuthResult result && result.getOutcome() == AuthOutcome.GRANTED;
    }

    private static boolean isVisibleView(TelemetryEvent e, String path) {
        return e.getPayload() instanceof PageView view && view.getPath().equals(path) && view.getContentVisible();
    }

    /** P's session's events before P, in seq order. */
    private static List<TelemetryEvent> sessionBefore(List<TelemetryEvent> h, int p) {
        final List<TelemetryEvent> before = new ArrayList<>();
        for (int i = 0; i < p; i++) {
            if (sameSession(h.get(i), h.get(p))) {
                before.add(h.get(i));
            }
        }
        return before;
    }

    private static Severity mediumOrHighIfBlocking(PhoneAuthPrompt prompt) {
        return prompt.getBlocking() ? Severity.HIGH : Severity.MEDIUM;
    }

    private ExpectedViolation violation(List<TelemetryEvent> h, int p, RuleId rule, String ruleCase,
            Severity severity, boolean mayNeedReview) {
        final TelemetryEvent e = h.get(p);
        final PhoneAuthPrompt prompt = prompt(e);
        // "category: of the decisive path"; "policyVersion: version of the path policy used"
        final OraclePolicies.Classification c = policies.classify(e.getAppId(), decisivePath(prompt));
        // "Confidence is NEEDS_REVIEW when the decisive category is UNCLASSIFIED (rules 2 and 4), else CONFIRMED."
        final Confidence confidence = mayNeedReview && c.category() == PathCategory.UNCLASSIFIED
                ? Confidence.NEEDS_REVIEW : Confidence.CONFIRMED;
        return new ExpectedViolation(rule, ruleCase, severity, confidence, e.getAppId(), e.getSessionId(),
                userRef(e.getAppId(), e.getUserId()), prompt.getPath(), c.category(), e.getEventId(),
                time(e), c.policyVersion());
    }

    /** "keyed hash (HMAC-SHA256, lower-case hex, first 32 chars) of appId + ":" + userId with a secret". */
    String userRef(String appId, String userId) {
        try {
            final Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(userRefSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            final byte[] digest = mac.doFinal((appId + ":" + userId).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest).substring(0, 32);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PhoneAuthPrompt prompt(TelemetryEvent e) {
        return (PhoneAuthPrompt) e.getPayload();
    }

    private static boolean sameSession(TelemetryEvent a, TelemetryEvent b) {
        return Objects.equals(a.getSessionId(), b.getSessionId());
    }

    private static long time(TelemetryEvent e) {
        return e.getEventTime().toEpochMilli();
    }
}
