package io.authwatch.endtoend;

import io.authwatch.embedded.SessionScript;
import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.ServiceMode;
import java.time.Duration;
import java.time.Instant;

/** Sessions showing each platform example case (and one compliant visit), ending about now. */
final class Sessions {

    static final String HOME = "pages/index/index";
    static final String GOODS = "pages/goods/detail";
    static final String BUY = "pages/goods/buy";
    static final String CATEGORY = "pages/category/list";
    static final String MENU = "pages/store/menu/index";
    static final String CHECKOUT = "pages/store/checkout/index";

    private Sessions() {
    }

    private static Instant ago(int seconds) {
        return Instant.now().minusSeconds(seconds);
    }

    /** 1.1: a prompt as soon as the home page shows. */
    static SessionScript firstScreenPrompt(String app, String user) {
        return new SessionScript(app, user, ago(30)).launch(HOME).view(HOME, true)
                .prompt(HOME, PromptTrigger.PAGE_LOAD, null, false).answer(AuthOutcome.GRANTED)
                .tap(HOME).view(GOODS, true);
    }

    /** 1.2: the entry page stays blank until the phone number is given. */
    static SessionScript contentGatedEntry(String app, String user) {
        return new SessionScript(app, user, ago(30)).launch(HOME).view(HOME, false)
                .prompt(HOME, PromptTrigger.PAGE_LOAD, null, true).answer(AuthOutcome.GRANTED)
                .view(HOME, true).tap(HOME);
    }

    /** 2: opening a category is refused and the user is kept out of it. */
    static SessionScript forcedToBrowse(String app, String user) {
        return new SessionScript(app, user, ago(60)).launch(HOME).view(HOME, true).tap(HOME)
                .prompt(HOME, PromptTrigger.NAVIGATION, CATEGORY, false).answer(AuthOutcome.DENIED)
                .after(Duration.ofSeconds(2)).view(HOME, true).tap(HOME)
                .after(Duration.ofSeconds(32)).view("pages/article/view", true);
    }

    /** 3: dine-in ordering cannot reach checkout without the phone number. */
    static SessionScript forcedInStore(String app, String user) {
        return new SessionScript(app, user, ago(60)).launch(MENU).order(MENU, ServiceMode.DINE_IN, OrderStage.MENU)
                .view(MENU, true).tap(MENU).prompt(MENU, PromptTrigger.ACTION, CHECKOUT, true)
                .answer(AuthOutcome.DENIED).after(Duration.ofSeconds(2)).view(MENU, true)
                .after(Duration.ofSeconds(32)).tap(MENU);
    }

    /** 4, first visit: an optional prompt is refused, the user carries on. */
    static SessionScript refusedOnce(String app, String user) {
        return new SessionScript(app, user, ago(120)).launch(HOME).view(HOME, true).tap(HOME).view(GOODS, true)
                .tap(GOODS).prompt(GOODS, PromptTrigger.ACTION, BUY, false).answer(AuthOutcome.DENIED)
                .view(BUY, true).tap(BUY);
    }

    /** 4, the re-opening: the app asks again. */
    static SessionScript repromptedOnReopen(String app, String user) {
        return new SessionScript(app, user, ago(40)).launch(HOME).view(HOME, true).tap(HOME).view(GOODS, true)
                .tap(GOODS).prompt(GOODS, PromptTrigger.ACTION, BUY, false).answer(AuthOutcome.DISMISSED)
                .view(BUY, true);
    }

    /** A visit that breaks no rule: browsing, then signing in on the user's own request. */
    static SessionScript compliant(String app, String user) {
        return new SessionScript(app, user, ago(30)).launch(HOME).view(HOME, true).tap(HOME).view(GOODS, true)
                .prompt("pages/account/login", PromptTrigger.USER_REQUEST, null, false).answer(AuthOutcome.GRANTED);
    }
}
