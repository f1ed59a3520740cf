package io.authwatch.simulator;

import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.ServiceMode;
import java.util.List;
import java.util.Set;

/**
 * Visits that show one of the platform's example cases, written so each planted prompt is an
 * unambiguous violation under CONTRACT.md section 4 and nothing else in the visit is one: forced
 * prompts that are not blocking get a refusal followed, well inside the forced window, by events
 * that show the user kept out (and the target never shown afterwards); re-prompts follow a refusal
 * that nothing cleared; first-screen prompts come before any interaction.
 */
final class ViolationVisits {

    private static final List<String> OPTION_TARGETS = List.of(SimPaths.GOODS_SPECS, SimPaths.GOODS_REVIEWS,
            SimPaths.ARTICLES.get(1));
    private static final List<String> REPROMPT_TARGETS = List.of(SimPaths.GOODS_DETAIL, SimPaths.GOODS_SPECS,
            SimPaths.GOODS_REVIEWS, SimPaths.SECTIONS.get(0), SimPaths.SECTIONS.get(2));

    private ViolationVisits() {
    }

    static void write(ViolationCase c, Story story, long start) {
        switch (c) {
            case FIRST_SCREEN_POPUP -> firstScreenPopup(story, start);
            case CONTENT_GATED_ENTRY -> contentGatedEntry(story, start);
            case SECTION_GATE -> sectionGate(story, start);
            case PAGE_OPTION_GATE -> pageOptionGate(story, start);
            case GOODS_GATE -> goodsGate(story, start);
            case IN_STORE_CHECKOUT -> inStoreCheckout(story, start);
            case DINE_IN_ORDER -> dineInOrder(story, start);
            case MEMBERSHIP_WHILE_ORDERING -> membershipWhileOrdering(story, start);
            case REPROMPT_ON_REOPEN -> repromptOnReopen(story, start);
            case REPROMPT_LOOP -> repromptLoop(story, start);
        }
    }

    /** 1.1: the popup comes as soon as the entry page shows (also on a shared deep link). */
    static void firstScreenPopup(Story story, long start) {
        final Dice dice = story.dice();
        final double u = dice.unit();
        final String entry = u < 0.25 ? SimPaths.GOODS_DETAIL : SimPaths.HOME;
        final SessionWriter s = story.open(start, u < 0.25 ? BackgroundVisits.SCENE_SHARED_LINK
                : BackgroundVisits.SCENE_MAIN, entry, u < 0.85);
        if (u >= 0.85) {
            s.view(entry, true); // shown blank while loading, then with content: the latest view holds
        }
        final SessionWriter.Prompt p = s.prompt(entry, dice.chance(0.9) ? PromptTrigger.PAGE_LOAD
                : PromptTrigger.UNKNOWN, null, dice.chance(0.3));
        story.plantFirstScreen(p);
        s.answer(p, dice.chance(0.4) ? AuthOutcome.GRANTED : NearMissVisits.refusal(dice));
        Browsing.walk(s, story, entry, Set.of());
    }

    /** 1.2: the entry page stays blank (or gets covered) until the phone number is given. */
    static void contentGatedEntry(Story story, long start) {
        final Dice dice = story.dice();
        final boolean coveredLater = dice.chance(0.3);
        final SessionWriter s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, coveredLater);
        if (coveredLater) {
            s.view(SimPaths.HOME, false);
        }
        final SessionWriter.Prompt p = s.prompt(SimPaths.HOME, PromptTrigger.PAGE_LOAD, null, dice.chance(0.8));
        story.plantContentGated(p);
        if (dice.chance(0.4)) {
            s.answer(p, AuthOutcome.GRANTED);
            s.view(SimPaths.HOME, true);
            Browsing.walk(s, story, SimPaths.HOME, Set.of());
        } else {
            s.answer(p, NearMissVisits.refusal(dice));
            if (dice.chance(0.5)) {
                s.view(SimPaths.HOME, false);
            }
        }
    }

    /** 2: entering a section (new arrivals, hot, brands, or an unreviewed campaign page) needs the phone. */
    static void sectionGate(Story story, long start) {
        final Dice dice = story.dice();
        final SessionWriter s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
        s.scroll(SimPaths.HOME);
        final String section = dice.chance(0.2) ? dice.pick(SimPaths.ACTIVITIES) : dice.pick(SimPaths.SECTIONS);
        if (dice.chance(0.65)) {
            s.tap(SimPaths.HOME);
            final SessionWriter.Prompt p = s.prompt(SimPaths.HOME, PromptTrigger.NAVIGATION, section, dice.chance(0.5));
            keptOutOfTarget(story, s, p, SimPaths.HOME, false);
        } else {
            s.tap(SimPaths.HOME);
            final boolean blankFirst = dice.chance(0.5);
            s.view(section, !blankFirst);
            final SessionWriter.Prompt p = s.prompt(section, PromptTrigger.PAGE_LOAD, null, dice.chance(0.3));
            keptOffPage(story, s, p);
        }
    }

    /** 2: tapping an option of a goods page (specs, reviews, buying guide) needs the phone. */
    static void pageOptionGate(Story story, long start) {
        final Dice dice = story.dice();
        final SessionWriter s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
        s.tap(SimPaths.HOME);
        s.view(SimPaths.GOODS_DETAIL, true);
        s.scroll(SimPaths.GOODS_DETAIL);
        s.tap(SimPaths.GOODS_DETAIL);
        final SessionWriter.Prompt p = s.prompt(SimPaths.GOODS_DETAIL, PromptTrigger.ACTION, dice.pick(OPTION_TARGETS),
                dice.chance(0.4));
        keptOutOfTarget(story, s, p, SimPaths.GOODS_DETAIL, false);
    }

    /** 2: opening a product from the list needs the phone. */
    static void goodsGate(Story story, long start) {
        final Dice dice = story.dice();
        final SessionWriter s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
        s.tap(SimPaths.HOME);
        s.view(SimPaths.CATEGORY_LIST, true);
        s.scroll(SimPaths.CATEGORY_LIST);
        s.tap(SimPaths.CATEGORY_LIST);
        final SessionWriter.Prompt p = s.prompt(SimPaths.CATEGORY_LIST, PromptTrigger.NAVIGATION, SimPaths.GOODS_DETAIL,
                dice.chance(0.5));
        keptOutOfTarget(story, s, p, SimPaths.CATEGORY_LIST, false);
    }

    /** 3: checking out an in-store (pickup or table) order needs the phone. */
    static void inStoreCheckout(Story story, long start) {
        final Dice dice = story.dice();
        final ServiceMode mode = dice.chance(0.5) ? ServiceMode.PICKUP : ServiceMode.DINE_IN;
        final SessionWriter s = atCart(story, start, mode);
        final SessionWriter.Prompt p = s.prompt(SimPaths.STORE_CART, PromptTrigger.ACTION, SimPaths.STORE_CHECKOUT,
                dice.chance(0.7));
        keptOutOfTarget(story, s, p, SimPaths.STORE_CART, true);
    }

    /** An in-store visit up to a tap on the cart: the menu, then the cart page in its ordering scene. */
    private static SessionWriter atCart(Story story, long start, ServiceMode mode) {
        final SessionWriter s = openInStore(story, start, mode);
        s.tap(SimPaths.STORE_MENU);
        s.view(SimPaths.STORE_CART, true);
        s.order(SimPaths.STORE_CART, mode, OrderStage.CART);
        s.tap(SimPaths.STORE_CART);
        return s;
    }

    /** 3: ordering at the table needs the phone. */
    static void dineInOrder(Story story, long start) {
        final Dice dice = story.dice();
        final SessionWriter s = openInStore(story, start, ServiceMode.DINE_IN);
        s.tap(SimPaths.STORE_MENU);
        final SessionWriter.Prompt p = s.prompt(SimPaths.STORE_MENU, PromptTrigger.ACTION, SimPaths.STORE_SUBMIT,
                dice.chance(0.4));
        keptOutOfTarget(story, s, p, SimPaths.STORE_MENU, true);
    }

    /** 3: a membership sign-up with the phone number is forced on the way to paying in store. */
    static void membershipWhileOrdering(Story story, long start) {
        final Dice dice = story.dice();
        final ServiceMode mode = dice.chance(0.5) ? ServiceMode.PICKUP : ServiceMode.DINE_IN;
        final SessionWriter s = atCart(story, start, mode);
        if (dice.chance(0.5)) {
            final SessionWriter.Prompt p = s.prompt(SimPaths.STORE_CART, PromptTrigger.NAVIGATION, SimPaths.MEMBER_JOIN,
                    dice.chance(0.6));
            keptOutOfTarget(story, s, p, SimPaths.STORE_CART, true);
        } else {
            s.view(SimPaths.MEMBER_JOIN, true);
            s.order(SimPaths.MEMBER_JOIN, mode, OrderStage.MEMBERSHIP_SIGNUP);
            final SessionWriter.Prompt p = s.prompt(SimPaths.MEMBER_JOIN, PromptTrigger.PAGE_LOAD, null, dice.chance(0.6));
            keptOffPage(story, s, p);
        }
    }

    /**
     * 4, on re-open: after a refusal the app asks again in each new session, either with a popup on
     * the first screen (which is also 1.1 each time) or when the user taps an option.
     */
    static void repromptOnReopen(Story story, long start) {
        final Dice dice = story.dice();
        final int sessions = dice.between(2, 4);
        final boolean onEntry = dice.chance(0.4);
        long at = start;
        for (int k = 0; k < sessions; k++) {
            final SessionWriter s = story.open(at, k == 0 ? BackgroundVisits.SCENE_MAIN : BackgroundVisits.SCENE_RECENT,
                    SimPaths.HOME, true);
            if (onEntry) {
                final SessionWriter.Prompt p = s.prompt(SimPaths.HOME, PromptTrigger.PAGE_LOAD, null, dice.chance(0.2));
                story.plantFirstScreen(p);
                if (k > 0) {
                    story.plantReprompt(p);
                }
                s.answer(p, NearMissVisits.refusal(dice));
                Browsing.walk(s, story, SimPaths.HOME, Set.of());
            } else if (k == 0) {
                NearMissVisits.refusedThenLetIn(story, s, SimPaths.HOME, NearMissKind.REFUSED_THEN_LET_IN);
            } else {
                repromptLettingIn(story, s, Browsing.walk(s, story, Browsing.pagesOf(story.app().kind()), SimPaths.HOME,
                        dice.between(0, 2), Set.of()));
            }
            at = s.now() + dice.millis(120_000, 1_800_000);
        }
    }

    /** 4, looping: after a refusal the app keeps asking on every option the user taps in the same visit. */
    static void repromptLoop(Story story, long start) {
        final Dice dice = story.dice();
        final SessionWriter s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
        String here = NearMissVisits.refusedThenLetIn(story, s, SimPaths.HOME, NearMissKind.REFUSED_THEN_LET_IN);
        final int again = dice.between(1, 3);
        for (int k = 0; k < again; k++) {
            here = repromptLettingIn(story, s, here);
        }
        Browsing.walk(s, story, here, Set.of());
    }

    /** A re-prompt the user refuses but is then let through (so it is only case 4); returns the page reached. */
    private static String repromptLettingIn(Story story, SessionWriter s, String here) {
        final Dice dice = story.dice();
        String target = dice.chance(0.2) ? dice.pick(SimPaths.ACTIVITIES) : dice.pick(REPROMPT_TARGETS);
        while (target.equals(here)) {
            target = dice.pick(REPROMPT_TARGETS);
        }
        s.tap(here);
        final SessionWriter.Prompt p = s.prompt(here, dice.chance(0.5) ? PromptTrigger.ACTION : PromptTrigger.NAVIGATION,
                target, false);
        story.plantReprompt(p);
        s.answer(p, NearMissVisits.refusal(dice));
        s.view(target, true);
        s.scroll(target);
        return target;
    }

    private static SessionWriter openInStore(Story story, long start, ServiceMode mode) {
        final SessionWriter s = story.open(start, BackgroundVisits.SCENE_QR_CODE, SimPaths.STORE_MENU, true);
        s.order(SimPaths.STORE_MENU, mode, OrderStage.MENU);
        s.scroll(SimPaths.STORE_MENU);
        return s;
    }

    /**
     * The tail of a prompt with a target: blocking (forced whatever the answer), or refused and the
     * user kept on {@code stay} — events inside the window, none showing or touching the target —
     * then the visit ends (decided when quiet) or goes on past the window (decided by that event).
     */
    private static void keptOutOfTarget(Story story, SessionWriter s, SessionWriter.Prompt p, String stay,
                                        boolean inStore) {
        final Dice dice = story.dice();
        final String target = p.targetPath();
        final List<String> pages = inStore ? Browsing.STORE : Browsing.pagesOf(story.app().kind());
        if (p.blocking() && dice.chance(0.25)) {
            plant(story, p, null, inStore);
            s.answer(p, AuthOutcome.GRANTED);
            s.view(target, true);
            return;
        }
        final SessionWriter.Answer refusal = s.answer(p, NearMissVisits.refusal(dice));
        plant(story, p, refusal, inStore);
        s.view(stay, true);
        s.scroll(stay);
        if (dice.chance(0.5)) {
            s.waitPast(refusal.time() + story.settings().forcedWindow().toMillis());
            Browsing.walk(s, story, pages, stay, dice.between(1, 4), Set.of(target));
        }
    }

    /**
     * The tail of a prompt without a target (its own page decides): blocking, or refused and the page
     * left blank or the user redirected away without touching anything, the page never shown again.
     */
    private static void keptOffPage(Story story, SessionWriter s, SessionWriter.Prompt p) {
        final Dice dice = story.dice();
        final boolean inStore = p.inStore();
        final SessionWriter.Answer refusal = s.answer(p, p.blocking() && dice.chance(0.25) ? AuthOutcome.GRANTED
                : NearMissVisits.refusal(dice));
        plant(story, p, refusal.refusal() ? refusal : null, inStore);
        if (!refusal.refusal()) {
            s.view(p.path(), true);
            return;
        }
        final String away = inStore ? SimPaths.STORE_CART : SimPaths.HOME;
        if (dice.chance(0.5)) {
            s.view(p.path(), false);
            if (dice.chance(0.5)) {
                return;
            }
            s.waitPast(refusal.time() + story.settings().forcedWindow().toMillis());
        }
        s.view(away, true);
        final List<String> pages = inStore ? Browsing.STORE : Browsing.pagesOf(story.app().kind());
        Browsing.walk(s, story, pages, away, dice.between(0, 3), Set.of(p.path()));
    }

    private static void plant(Story story, SessionWriter.Prompt p, SessionWriter.Answer refusal, boolean inStore) {
        if (inStore) {
            story.plantScene(p, refusal);
        } else {
            story.plantSection(p, refusal);
        }
    }
}
