package io.authwatch.simulator;

/**
 * One simulated mini-program.
 *
 * @param violation the example case it shows, or null for a compliant app
 */
record SimApp(int index, String appId, Kind kind, ViolationCase violation, String clientVersion) {

    /** What the app sells, which decides the shapes of its visits. */
    enum Kind { RETAIL, RESTAURANT, CONTENT }

    boolean violating() {
        return violation != null;
    }
}
