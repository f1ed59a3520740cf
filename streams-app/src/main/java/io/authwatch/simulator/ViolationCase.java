package io.authwatch.simulator;

/**
 * The platform's example cases (CONTRACT.md section 1) that a violating app may show. Each value
 * names the contract's {@code ruleCase} of the violations it plants.
 */
public enum ViolationCase {
    /** 1.1: a phone-authorization popup right after entering. */
    FIRST_SCREEN_POPUP("1.1"),
    /** 1.2: the entry page shows no content until the phone number is authorized. */
    CONTENT_GATED_ENTRY("1.2"),
    /** 2: entering a section is blocked unless the user authorizes. */
    SECTION_GATE("2"),
    /** 2: tapping a page option is blocked unless the user authorizes. */
    PAGE_OPTION_GATE("2"),
    /** 2: browsing goods is blocked unless the user authorizes. */
    GOODS_GATE("2"),
    /** 3: in-store ordering or checkout is blocked unless the user authorizes. */
    IN_STORE_CHECKOUT("3"),
    /** 3: ordering at the table (dine-in) is blocked unless the user authorizes. */
    DINE_IN_ORDER("3"),
    /** 3: a forced membership sign-up with the phone number while ordering in store. */
    MEMBERSHIP_WHILE_ORDERING("3"),
    /** 4: the app asks again each time the user re-opens it after a refusal. */
    REPROMPT_ON_REOPEN("4"),
    /** 4: the app keeps asking within one visit after a refusal. */
    REPROMPT_LOOP("4");

    private final String ruleCase;

    ViolationCase(String ruleCase) {
        this.ruleCase = ruleCase;
    }

    /** The contract's ruleCase this example case plants: "1.1", "1.2", "2", "3" or "4". */
    public String ruleCase() {
        return ruleCase;
    }

    /** Scenario label of this case, e.g. {@code case-2-section-gate}. */
    public String scenario() {
        return "case-" + ruleCase.replace('.', '_') + "-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
