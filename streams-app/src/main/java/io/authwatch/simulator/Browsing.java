package io.authwatch.simulator;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The ordinary part of a visit: scrolling pages and tapping through to others. */
final class Browsing {

    private static final List<String> RETAIL = List.of(SimPaths.HOME, SimPaths.CATEGORY_LIST, SimPaths.SECTIONS.get(0),
            SimPaths.SECTIONS.get(1), SimPaths.SECTIONS.get(2), SimPaths.GOODS_DETAIL, SimPaths.GOODS_SPECS,
            SimPaths.GOODS_REVIEWS, SimPaths.SEARCH, SimPaths.ARTICLES.get(1));
    private static final List<String> RESTAURANT = List.of(SimPaths.HOME, SimPaths.SECTIONS.get(0),
            SimPaths.SECTIONS.get(1), SimPaths.GOODS_DETAIL, SimPaths.ARTICLES.get(0), SimPaths.SEARCH);
    private static final List<String> CONTENT = List.of(SimPaths.HOME, SimPaths.CATEGORY_LIST, SimPaths.SECTIONS.get(0),
            SimPaths.SECTIONS.get(1), SimPaths.ARTICLES.get(0), SimPaths.ARTICLES.get(1), SimPaths.SEARCH);
    /** In-store pages a user moves between while ordering at the counter or the table. */
    static final List<String> STORE = List.of(SimPaths.STORE_MENU, SimPaths.STORE_CART);

    private Browsing() {
    }

    /** The pages an app of {@code kind} has for browsing. */
    static List<String> pagesOf(SimApp.Kind kind) {
        return switch (kind) {
            case RETAIL -> RETAIL;
            case RESTAURANT -> RESTAURANT;
            case CONTENT -> CONTENT;
        };
    }

    /** Browses the app's pages for a session-typical number of steps; returns the page the user ends on. */
    static String walk(SessionWriter s, Story story, String from, Set<String> avoid) {
        return walk(s, story, pagesOf(story.app().kind()), from, story.dice().geometric(story.settings().meanBrowseSteps()),
                avoid);
    }

    /**
     * {@code steps} steps from {@code from} over {@code pages}, never showing or touching a page in
     * {@code avoid} (a page the user was kept out of stays out); returns the page the user ends on.
     */
    static String walk(SessionWriter s, Story story, List<String> pages, String from, int steps, Set<String> avoid) {
        final List<String> allowed = new ArrayList<>(pages);
        allowed.removeAll(avoid);
        allowed.remove(from);
        String here = from;
        for (int i = 0; i < steps; i++) {
            if (allowed.isEmpty() || story.dice().chance(0.45)) {
                s.scroll(here);
            } else {
                final String next = story.dice().pick(allowed);
                s.tap(here);
                s.view(next, true);
                allowed.add(here);
                allowed.remove(next);
                here = next;
            }
        }
        return here;
    }

    /** One tap from {@code from} to another page of the app (not in {@code avoid}); returns it. */
    static String tapThrough(SessionWriter s, Story story, String from, Set<String> avoid) {
        final List<String> allowed = new ArrayList<>(pagesOf(story.app().kind()));
        allowed.removeAll(avoid);
        allowed.remove(from);
        final String next = story.dice().pick(allowed);
        s.tap(from);
        s.view(next, true);
        return next;
    }
}
