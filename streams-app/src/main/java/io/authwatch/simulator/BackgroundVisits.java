package io.authwatch.simulator;

import io.authwatch.telemetry.OrderStage;
import io.authwatch.telemetry.ServiceMode;
import java.util.List;
import java.util.Set;

/** Ordinary visits without any phone prompt: browsing, ordering for delivery, ordering in store. */
final class BackgroundVisits {

    static final int SCENE_MAIN = 1001;
    static final int SCENE_SHARED_LINK = 1007;
    static final int SCENE_QR_CODE = 1011;
    static final int SCENE_RECENT = 1089;

    /** The shapes of an ordinary visit. */
    enum Shape {
        BROWSE("browse"), DELIVERY_ORDER("delivery-order"), IN_STORE_ORDER("in-store-order");

        final String scenario;

        Shape(String scenario) {
            this.scenario = scenario;
        }
    }

    private BackgroundVisits() {
    }

    /** A shape that fits the app: restaurants take orders, content apps are only browsed. */
    static Shape shapeFor(SimApp app, Dice dice) {
        final double u = dice.unit();
        return switch (app.kind()) {
            case RESTAURANT -> u < 0.35 ? Shape.IN_STORE_ORDER : u < 0.5 ? Shape.DELIVERY_ORDER : Shape.BROWSE;
            case RETAIL -> u < 0.1 ? Shape.DELIVERY_ORDER : Shape.BROWSE;
            case CONTENT -> Shape.BROWSE;
        };
    }

    static void write(Shape shape, Story story, long start) {
        switch (shape) {
            case BROWSE -> browse(story, start);
            case DELIVERY_ORDER -> deliveryOrder(story, start);
            case IN_STORE_ORDER -> inStoreOrder(story, start);
        }
    }

    static void browse(Story story, long start) {
        final Dice dice = story.dice();
        final boolean deepLink = dice.chance(0.2);
        final String entry = deepLink ? dice.pick(List.of(SimPaths.GOODS_DETAIL, SimPaths.ARTICLES.get(0)))
                : SimPaths.HOME;
        final int scene = deepLink ? SCENE_SHARED_LINK : dice.chance(0.7) ? SCENE_MAIN : SCENE_RECENT;
        final SessionWriter s = story.open(start, scene, entry, true);
        Browsing.walk(s, story, entry, Set.of());
    }

    static void deliveryOrder(Story story, long start) {
        final SessionWriter s = story.open(start, SCENE_MAIN, SimPaths.HOME, true);
        s.tap(SimPaths.HOME);
        s.view(SimPaths.DELIVERY_MENU, true);
        s.order(SimPaths.DELIVERY_MENU, ServiceMode.DELIVERY, OrderStage.MENU);
        s.scroll(SimPaths.DELIVERY_MENU);
        s.tap(SimPaths.DELIVERY_MENU);
        s.view(SimPaths.DELIVERY_CART, true);
        s.order(SimPaths.DELIVERY_CART, ServiceMode.DELIVERY, OrderStage.CART);
        s.tap(SimPaths.DELIVERY_CART);
        s.view(SimPaths.DELIVERY_ADDRESS, true);
        s.order(SimPaths.DELIVERY_ADDRESS, ServiceMode.DELIVERY, OrderStage.CHECKOUT);
        s.tap(SimPaths.DELIVERY_ADDRESS);
        s.order(SimPaths.DELIVERY_ADDRESS, ServiceMode.DELIVERY, OrderStage.PAYMENT);
    }

    static void inStoreOrder(Story story, long start) {
        final ServiceMode mode = story.dice().chance(0.6) ? ServiceMode.DINE_IN : ServiceMode.PICKUP;
        final SessionWriter s = story.open(start, SCENE_QR_CODE, SimPaths.STORE_MENU, true);
        s.order(SimPaths.STORE_MENU, mode, OrderStage.MENU);
        final String here = Browsing.walk(s, story, Browsing.STORE, SimPaths.STORE_MENU, story.dice().between(1, 3),
                Set.of());
        s.tap(here);
        s.view(SimPaths.STORE_CART, true);
        s.order(SimPaths.STORE_CART, mode, OrderStage.CART);
        s.tap(SimPaths.STORE_CART);
        s.view(SimPaths.STORE_CHECKOUT, true);
        s.order(SimPaths.STORE_CHECKOUT, mode, OrderStage.CHECKOUT);
        s.tap(SimPaths.STORE_CHECKOUT);
        s.order(SimPaths.STORE_CHECKOUT, mode, OrderStage.PAYMENT);
    }
}
