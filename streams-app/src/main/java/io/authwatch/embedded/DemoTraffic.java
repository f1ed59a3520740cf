package io.authwatch.embedded;

import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.ServiceMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The demo's population and what its sessions look like. Most apps are compliant; two apps show
 * each of the platform's example cases (1.1, 1.2, 2, 3, 4) in most of their sessions and behave in
 * the rest. Sessions end "now" in event time, having started up to two minutes earlier, as a client
 * uploading a finished visit would; a forced-window case always has an event past its window, so it
 * is decided as soon as it is read.
 */
final class DemoTraffic {

    /** Which platform example an app shows, or none. */
    enum Behaviour { COMPLIANT, CASE_1_1, CASE_1_2, CASE_2, CASE_3, CASE_4 }

    record App(String appId, Behaviour behaviour) {
    }

    private static final int COMPLIANT_APPS = 30;
    private static final int APPS_PER_CASE = 2;
    private static final int USERS_PER_APP = 3000;
    private static final double VIOLATING_SESSION_SHARE = 0.7;
    private static final String HOME = "pages/index/index";
    private static final String GOODS = "pages/goods/detail";

    private final Random random;
    private final List<App> apps = new ArrayList<>();

    DemoTraffic(long seed) {
        this.random = new Random(seed);
        final Random ids = new Random(42); // same app ids on every start, so a restart continues the story
        for (int i = 0; i < COMPLIANT_APPS; i++) {
            apps.add(new App(appId(ids), Behaviour.COMPLIANT));
        }
        for (Behaviour b : Behaviour.values()) {
            for (int i = 0; b != Behaviour.COMPLIANT && i < APPS_PER_CASE; i++) {
                apps.add(new App(appId(ids), b));
            }
        }
    }

    List<App> apps() {
        return List.copyOf(apps);
    }

    /** The next visit of a random user to a random app: one session, or two for a re-opening. */
    List<SessionScript> next(Instant now) {
        final App app = apps.get(random.nextInt(apps.size()));
        final String user = "user-" + random.nextInt(USERS_PER_APP);
        final boolean violating = app.behaviour() != Behaviour.COMPLIANT
                && random.nextDouble() < VIOLATING_SESSION_SHARE;
        if (!violating) {
            return List.of(compliant(app.appId(), user, now.minusSeconds(20)));
        }
        return switch (app.behaviour()) {
            case CASE_1_1 -> List.of(firstScreenPrompt(app.appId(), user, now.minusSeconds(20)));
            case CASE_1_2 -> List.of(contentGatedEntry(app.appId(), user, now.minusSeconds(20)));
            case CASE_2 -> List.of(forcedToBrowse(app.appId(), user, now.minusSeconds(50)));
            case CASE_3 -> List.of(forcedInStore(app.appId(), user, now.minusSeconds(50)));
            case CASE_4 -> List.of(refusedOnce(app.appId(), user, now.minusSeconds(120)),
                    repromptedOnReopen(app.appId(), user, now.minusSeconds(40)));
            case COMPLIANT -> throw new IllegalStateException("unreachable");
        };
    }

    private SessionScript compliant(String app, String user, Instant start) {
        final SessionScript s = new SessionScript(app, user, start).launch(HOME).view(HOME, true).tap(HOME);
        return switch (random.nextInt(3)) {
            case 0 -> s.view(GOODS, true).tap(GOODS).view("pages/article/view", true);
            case 1 -> s.prompt("pages/account/login", PromptTrigger.USER_REQUEST, null, false)
                    .answer(AuthOutcome.GRANTED).view("pages/account/profile", true);
            default -> s.view(GOODS, true).tap(GOODS)
                    .prompt(GOODS, PromptTrigger.ACTION, "pages/delivery/address", true)
                    .answer(random.nextBoolean() ? AuthOutcome.GRANTED : AuthOutcome.DENIED)
                    .view(GOODS, true);
        };
    }

    /** 1.1: a phone prompt as soon as the home page shows. */
    private SessionScript firstScreenPrompt(String app, String user, Instant start) {
        return new SessionScript(app, user, start).launch(HOME).view(HOME, true)
                .prompt(HOME, PromptTrigger.PAGE_LOAD, null, random.nextBoolean())
                .answer(AuthOutcome.GRANTED).tap(HOME).view(GOODS, true);
    }

    /** 1.2: the entry page stays blank until the phone number is given. */
    private SessionScript contentGatedEntry(String app, String user, Instant start) {
        return new SessionScript(app, user, start).launch(HOME).view(HOME, false)
                .prompt(HOME, PromptTrigger.PAGE_LOAD, null, true)
                .answer(AuthOutcome.GRANTED).view(HOME, true).tap(HOME);
    }

    /** 2: opening a category is blocked by the prompt; after "deny" the user stays outside. */
    private SessionScript forcedToBrowse(String app, String user, Instant start) {
        return new SessionScript(app, user, start).launch(HOME).view(HOME, true).tap(HOME)
                .prompt(HOME, PromptTrigger.NAVIGATION, "pages/category/list", random.nextBoolean())
                .answer(AuthOutcome.DENIED).after(Duration.ofSeconds(2)).view(HOME, true).tap(HOME)
                .after(Duration.ofSeconds(32)).view("pages/article/view", true);
    }

    /** 3: dine-in ordering cannot reach checkout without the phone number. */
    private SessionScript forcedInStore(String app, String user, Instant start) {
        final String menu = "pages/store/menu/index";
        return new SessionScript(app, user, start).launch(menu)
                .order(menu, random.nextBoolean() ? ServiceMode.DINE_IN : ServiceMode.PICKUP, OrderStage.MENU)
                .view(menu, true).tap(menu)
                .prompt(menu, PromptTrigger.ACTION, "pages/store/checkout/index", true)
                .answer(AuthOutcome.DENIED).after(Duration.ofSeconds(2)).view(menu, true)
                .after(Duration.ofSeconds(32)).tap(menu);
    }

    /** 4, first visit: the user refuses an optional prompt and carries on. */
    private SessionScript refusedOnce(String app, String user, Instant start) {
        final String buy = "pages/goods/buy";
        return new SessionScript(app, user, start).launch(HOME).view(HOME, true).tap(HOME).view(GOODS, true)
                .tap(GOODS).prompt(GOODS, PromptTrigger.ACTION, buy, false).answer(AuthOutcome.DENIED)
                .view(buy, true).tap(buy);
    }

    /** 4, the re-opening: the app asks again. */
    private SessionScript repromptedOnReopen(String app, String user, Instant start) {
        final String buy = "pages/goods/buy";
        return new SessionScript(app, user, start).launch(HOME).view(HOME, true).tap(HOME).view(GOODS, true)
                .tap(GOODS).prompt(GOODS, PromptTrigger.ACTION, buy, false).answer(AuthOutcome.DISMISSED)
                .view(buy, true);
    }

    private static String appId(Random ids) {
        return String.format("wx%016x", ids.nextLong());
    }
}
