package io.authwatch.oracle;

import io.authwatch.policy.AppPathPolicy;
import io.authwatch.policy.PathCategory;
import io.authwatch.policy.PathRule;
import java.util.List;

/**
 * A small path catalog whose paths the policies below classify into every {@link PathCategory}
 * (and some into none), through exact names, {@code *} and {@code **}, with app rules that
 * override the platform default.
 */
final class TestCatalog {

    static final String HOME = "pages/index/index";
    static final String CATEGORY = "pages/category/food";
    /** {@code *} stays within one segment: no rule matches. */
    static final String CATEGORY_DEEP = "pages/category/food/noodles";
    static final String GOODS = "pages/goods/detail";
    static final String GOODS_DEEP = "pages/goods/tea/green/detail";
    /** PRODUCT by the platform default, ACCOUNT where the app's own policy says so. */
    static final String GOODS_SPECIAL = "pages/goods/special/coupon";
    /** CONTENT by the platform default, BROWSE where the app's own policy says so. */
    static final String ARTICLE = "pages/article/42";
    static final String SEARCH = "pages/search/index";
    static final String STORE_ORDER = "pages/store/order/menu";
    static final String STORE_PAY = "pages/store/pay/checkout";
    /** MEMBERSHIP only where the app's own policy says so. */
    static final String MEMBER = "pages/member/join";
    static final String MEMBER_DEEP = "pages/member/card/benefits";
    static final String LOGIN = "pages/account/login";
    static final String ACCOUNT_DEEP = "pages/account/settings/phone";
    static final String DELIVERY = "pages/delivery/address";
    static final String IDENTITY = "pages/identity/verify";
    static final String ABOUT = "pages/misc/about";

    static final List<String> PATHS = List.of(HOME, CATEGORY, CATEGORY_DEEP, GOODS, GOODS_DEEP, GOODS_SPECIAL,
            ARTICLE, SEARCH, STORE_ORDER, STORE_PAY, MEMBER, MEMBER_DEEP, LOGIN, ACCOUNT_DEEP, DELIVERY, IDENTITY,
            ABOUT);

    static final long PLATFORM_VERSION = 3;
    static final long APP_VERSION = 7;

    private TestCatalog() {
    }

    static AppPathPolicy platformDefault() {
        return new AppPathPolicy("*", PLATFORM_VERSION, List.of(
                rule("pages/index/index", PathCategory.ENTRY_HOME),
                rule("pages/category/*", PathCategory.BROWSE),
                rule("pages/goods/**", PathCategory.PRODUCT),
                rule("pages/article/*", PathCategory.CONTENT),
                rule("pages/search/index", PathCategory.SEARCH),
                rule("pages/store/order/*", PathCategory.ORDER_IN_STORE),
                rule("pages/store/pay/*", PathCategory.PAYMENT_IN_STORE),
                rule("pages/account/**", PathCategory.ACCOUNT),
                rule("pages/delivery/*", PathCategory.DELIVERY),
                rule("pages/identity/*", PathCategory.REGULATED_IDENTITY)));
    }

    /** An older platform default that a later record replaces (the topic is compacted: the last wins). */
    static AppPathPolicy stalePlatformDefault() {
        return new AppPathPolicy("*", 1L, List.of(rule("pages/**", PathCategory.ACCOUNT)));
    }

    static AppPathPolicy appPolicy(String appId) {
        return new AppPathPolicy(appId, APP_VERSION, List.of(
                rule("pages/goods/special/*", PathCategory.ACCOUNT),
                rule("pages/member/**", PathCategory.MEMBERSHIP),
                rule("pages/article/*", PathCategory.BROWSE)));
    }

    static PathRule rule(String pattern, PathCategory category) {
        return new PathRule(pattern, category, null);
    }
}
