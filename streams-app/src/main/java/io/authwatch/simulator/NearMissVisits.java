package io.authwatch.simulator;

import io.authwatch.telemetry.AuthOutcome;
import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.PromptTrigger;
import io.authwatch.telemetry.ServiceMode;
import java.util.List;
import java.util.Set;

/**
 * Compliant visits with prompts that resemble a violation (CONTRACT.md section 4), each prompt
 * declared as a near-miss. The user starts with no standing refusal (the planner sees to that).
 */
final class NearMissVisits {

    private static final List<String> NON_ESSENTIAL_TARGETS = List.of(SimPaths.GOODS_DETAIL, SimPaths.GOODS_BUY,
            SimPaths.GOODS_REVIEWS, SimPaths.SECTIONS.get(1), SimPaths.ARTICLES.get(1));

    private NearMissVisits() {
    }

    /** A near-miss kind drawn with its usual frequency. */
    static NearMissKind draw(Dice dice) {
        final double u = dice.unit();
        if (u < 0.22) {
            return NearMissKind.USER_REQUEST;
        } else if (u < 0.44) {
            return NearMissKind.ESSENTIAL_PATH;
        } else if (u < 0.66) {
            return NearMissKind.REFUSED_THEN_LET_IN;
        } else if (u < 0.82) {
            return NearMissKind.GRANTED_ON_ACTION;
        } else if (u < 0.95) {
            return NearMissKind.GRANTED_AFTER_REFUSAL;
        }
        return NearMissKind.REPROMPT_AFTER_COOLDOWN;
    }

    static String scenario(NearMissKind kind) {
        return "near-miss-" + kind.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }

    static void write(NearMissKind kind, Story story, long start) {
        switch (kind) {
            case USER_REQUEST -> userRequest(story, start);
            case ESSENTIAL_PATH -> essentialPath(story, start);
            case REFUSED_THEN_LET_IN -> refusedThenLetIn(story, start, NearMissKind.REFUSED_THEN_LET_IN);
            case GRANTED_ON_ACTION -> grantedOnAction(story, start);
            case GRANTED_AFTER_REFUSAL -> grantedAfterRefusal(story, start);
            case REPROMPT_AFTER_COOLDOWN -> repromptAfterCooldown(story, start);
        }
    }

    /** The user asks to sign in with the phone number: from the account page, or at once on entry. */
    static void userRequest(Story story, long start) {
        final Dice dice = story.dice();
        final SessionWriter s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
        String page = SimPaths.HOME;
        if (dice.chance(0.7)) {
            s.tap(SimPaths.HOME);
            s.view(SimPaths.ACCOUNT_CENTER, true);
            s.tap(SimPaths.ACCOUNT_CENTER);
            page = SimPaths.ACCOUNT_CENTER;
        }
        final SessionWriter.Prompt p = s.prompt(page, PromptTrigger.USER_REQUEST, null, false);
        story.nearMiss(p, NearMissKind.USER_REQUEST);
        s.answer(p, dice.chance(0.85) ? AuthOutcome.GRANTED : AuthOutcome.DISMISSED);
        Browsing.walk(s, story, page, Set.of());
    }

    /** A prompt where the phone number is essential (sign-in, delivery address, real-name check), refused. */
    static void essentialPath(Story story, long start) {
        final Dice dice = story.dice();
        final double u = dice.unit();
        final SessionWriter s;
        if (u < 0.34) {
            s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
            final String page = Browsing.walk(s, story, Browsing.pagesOf(story.app().kind()), SimPaths.HOME,
                    dice.between(0, 2), Set.of());
            s.tap(page);
            s.view(SimPaths.ACCOUNT_LOGIN, true);
            final SessionWriter.Prompt p = s.prompt(SimPaths.ACCOUNT_LOGIN, PromptTrigger.PAGE_LOAD, null, dice.chance(0.5));
            story.nearMiss(p, NearMissKind.ESSENTIAL_PATH);
            s.answer(p, refusal(dice));
            s.view(SimPaths.HOME, true);
            Browsing.walk(s, story, SimPaths.HOME, Set.of(SimPaths.ACCOUNT_LOGIN));
        } else if (u < 0.67) {
            s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
            s.tap(SimPaths.HOME);
            s.view(SimPaths.DELIVERY_MENU, true);
            s.order(SimPaths.DELIVERY_MENU, ServiceMode.DELIVERY, OrderStage.MENU);
            s.tap(SimPaths.DELIVERY_MENU);
            s.view(SimPaths.DELIVERY_CART, true);
            s.order(SimPaths.DELIVERY_CART, ServiceMode.DELIVERY, OrderStage.CART);
            s.tap(SimPaths.DELIVERY_CART);
            final SessionWriter.Prompt p = s.prompt(SimPaths.DELIVERY_CART, PromptTrigger.ACTION,
                    SimPaths.DELIVERY_ADDRESS, dice.chance(0.6));
            story.nearMiss(p, NearMissKind.ESSENTIAL_PATH);
            s.answer(p, refusal(dice));
            s.view(SimPaths.DELIVERY_CART, true);
            s.scroll(SimPaths.DELIVERY_CART);
        } else {
            final ServiceMode mode = dice.chance(0.5) ? ServiceMode.DINE_IN : ServiceMode.PICKUP;
            s = story.open(start, BackgroundVisits.SCENE_QR_CODE, SimPaths.STORE_MENU, true);
            s.order(SimPaths.STORE_MENU, mode, OrderStage.MENU);
            s.scroll(SimPaths.STORE_MENU);
            s.tap(SimPaths.STORE_MENU);
            final SessionWriter.Prompt p = s.prompt(SimPaths.STORE_MENU, PromptTrigger.ACTION,
                    SimPaths.IDENTITY_VERIFY, true);
            story.nearMiss(p, NearMissKind.ESSENTIAL_PATH);
            s.answer(p, refusal(dice));
            s.view(SimPaths.STORE_MENU, true);
            s.tap(SimPaths.STORE_MENU);
            s.view(SimPaths.STORE_CART, true);
            s.order(SimPaths.STORE_CART, mode, OrderStage.CART);
        }
    }

    /** A non-essential prompt refused, after which the app lets the user in; returns the page the user is on. */
    static String refusedThenLetIn(Story story, long start, NearMissKind kind) {
        final SessionWriter s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
        return refusedThenLetIn(story, s, SimPaths.HOME, kind);
    }

    static String refusedThenLetIn(Story story, SessionWriter s, String from, NearMissKind kind) {
        final Dice dice = story.dice();
        final String page = Browsing.walk(s, story, Browsing.pagesOf(story.app().kind()), from, dice.between(0, 2),
                Set.of());
        if (dice.chance(0.6)) {
            final String target = otherThan(dice, page);
            s.tap(page);
            final SessionWriter.Prompt p = s.prompt(page, dice.chance(0.5) ? PromptTrigger.ACTION
                    : PromptTrigger.NAVIGATION, target, false);
            story.nearMiss(p, kind);
            s.answer(p, refusal(dice));
            s.view(target, true);
            s.scroll(target);
            return target;
        }
        final String next = Browsing.tapThrough(s, story, page, Set.of());
        final SessionWriter.Prompt p = s.prompt(next, PromptTrigger.PAGE_LOAD, null, false);
        story.nearMiss(p, kind);
        s.answer(p, refusal(dice));
        s.scroll(next);
        return next;
    }

    /** The user taps an option, the app asks, the user grants: nothing forced. */
    static void grantedOnAction(Story story, long start) {
        final Dice dice = story.dice();
        final SessionWriter s = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
        final String page = Browsing.walk(s, story, Browsing.pagesOf(story.app().kind()), SimPaths.HOME,
                dice.between(0, 3), Set.of());
        final String target = otherThan(dice, page);
        s.tap(page);
        final SessionWriter.Prompt p = s.prompt(page, PromptTrigger.ACTION, target, false);
        story.nearMiss(p, NearMissKind.GRANTED_ON_ACTION);
        s.answer(p, AuthOutcome.GRANTED);
        s.view(target, true);
        Browsing.walk(s, story, target, Set.of());
    }

    /**
     * A refusal, then a GRANTED on a delivery address (which clears it), then minutes later a
     * re-opened session with a non-essential prompt: no re-prompt violation, the refusal was cleared.
     */
    static void grantedAfterRefusal(Story story, long start) {
        final Dice dice = story.dice();
        final SessionWriter first = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
        final String page = refusedThenLetIn(story, first, SimPaths.HOME, NearMissKind.REFUSED_THEN_LET_IN);
        first.tap(page);
        final SessionWriter.Prompt essential = first.prompt(page, PromptTrigger.ACTION, SimPaths.DELIVERY_ADDRESS,
                dice.chance(0.5));
        story.nearMiss(essential, NearMissKind.GRANTED_AFTER_REFUSAL);
        first.answer(essential, AuthOutcome.GRANTED);
        first.view(SimPaths.DELIVERY_ADDRESS, true);
        final long reopen = first.now() + dice.millis(180_000, 1_800_000);
        final SessionWriter second = story.open(reopen, BackgroundVisits.SCENE_RECENT, SimPaths.HOME, true);
        final String here = Browsing.walk(second, story, Browsing.pagesOf(story.app().kind()), SimPaths.HOME,
                dice.between(0, 2), Set.of());
        final String target = otherThan(dice, here);
        second.tap(here);
        final SessionWriter.Prompt again = second.prompt(here, PromptTrigger.ACTION, target, false);
        story.nearMiss(again, NearMissKind.GRANTED_AFTER_REFUSAL);
        second.answer(again, dice.chance(0.5) ? AuthOutcome.GRANTED : refusal(dice));
        second.view(target, true);
        Browsing.walk(second, story, target, Set.of());
    }

    /** A refusal, then a re-opened session after the cooldown with a new prompt: allowed. */
    static void repromptAfterCooldown(Story story, long start) {
        final Dice dice = story.dice();
        final SessionWriter first = story.open(start, BackgroundVisits.SCENE_MAIN, SimPaths.HOME, true);
        refusedThenLetIn(story, first, SimPaths.HOME, NearMissKind.REFUSED_THEN_LET_IN);
        final long reopen = first.now() + story.settings().repromptCooldown().toMillis() + dice.millis(3_600_000, 10_800_000);
        final SessionWriter second = story.open(reopen, BackgroundVisits.SCENE_RECENT, SimPaths.HOME, true);
        second.tap(SimPaths.HOME);
        final String target = otherThan(dice, SimPaths.HOME);
        final SessionWriter.Prompt p = second.prompt(SimPaths.HOME, PromptTrigger.ACTION, target, false);
        story.nearMiss(p, NearMissKind.REPROMPT_AFTER_COOLDOWN);
        second.answer(p, dice.chance(0.5) ? AuthOutcome.GRANTED : refusal(dice));
        second.view(target, true);
        Browsing.walk(second, story, target, Set.of());
    }

    static AuthOutcome refusal(Dice dice) {
        return dice.chance(0.5) ? AuthOutcome.DENIED : AuthOutcome.DISMISSED;
    }

    private static String otherThan(Dice dice, String page) {
        String target = dice.pick(NON_ESSENTIAL_TARGETS);
        while (target.equals(page)) {
            target = dice.pick(NON_ESSENTIAL_TARGETS);
        }
        return target;
    }
}
