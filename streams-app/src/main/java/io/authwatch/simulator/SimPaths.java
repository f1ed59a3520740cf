package io.authwatch.simulator;

import io.authwatch.policy.PathCategory;
import java.util.List;

/**
 * The pages of the simulated mini-programs and the category each belongs to. One table serves
 * both the published path policy ({@link SimulatorPolicy}) and the ground truth's expected
 * categories, so the two cannot disagree.
 */
public final class SimPaths {

    /** A path-prefix rule: every path under {@code prefix} has {@code category}. */
    public record Area(String prefix, PathCategory category, String note) {
        /** The glob of this area, in the policy's syntax ({@code **} across segments). */
        public String pattern() {
            return prefix + "**";
        }
    }

    public static final String HOME = "pages/index/index";
    public static final String CATEGORY_LIST = "pages/category/list";
    public static final List<String> SECTIONS = List.of("pages/section/new", "pages/section/hot", "pages/section/brands");
    public static final String GOODS_DETAIL = "pages/goods/detail";
    public static final String GOODS_REVIEWS = "pages/goods/reviews";
    public static final String GOODS_SPECS = "pages/goods/specs";
    public static final String GOODS_BUY = "pages/goods/buy";
    public static final List<String> ARTICLES = List.of("pages/article/detail", "pages/article/guide");
    public static final String SEARCH = "pages/search/index";
    public static final String STORE_MENU = "pages/store/order/menu";
    public static final String STORE_CART = "pages/store/order/cart";
    public static final String STORE_SUBMIT = "pages/store/order/submit";
    public static final String STORE_CHECKOUT = "pages/store/pay/checkout";
    public static final String MEMBER_JOIN = "pages/member/join";
    public static final String ACCOUNT_CENTER = "pages/account/center";
    public static final String ACCOUNT_LOGIN = "pages/account/login";
    public static final String DELIVERY_MENU = "pages/delivery/menu";
    public static final String DELIVERY_CART = "pages/delivery/cart";
    public static final String DELIVERY_ADDRESS = "pages/delivery/address";
    public static final String IDENTITY_VERIFY = "pages/identity/verify";
    /** Campaign pages the catalog has not reviewed: UNCLASSIFIED, so detections need review. */
    public static final List<String> ACTIVITIES = List.of("pages/activity/lucky-draw", "pages/activity/spring-sale");

    /** The catalog, most specific first. */
    public static final List<Area> AREAS = List.of(
            new Area("pages/index/", PathCategory.ENTRY_HOME, "home page"),
            new Area("pages/category/", PathCategory.BROWSE, "category lists"),
            new Area("pages/section/", PathCategory.BROWSE, "sections (new, hot, brands)"),
            new Area("pages/goods/", PathCategory.PRODUCT, "goods pages and their options"),
            new Area("pages/article/", PathCategory.CONTENT, "articles and guides"),
            new Area("pages/search/", PathCategory.SEARCH, "search"),
            new Area("pages/store/order/", PathCategory.ORDER_IN_STORE, "in-store menu, cart and order"),
            new Area("pages/store/pay/", PathCategory.PAYMENT_IN_STORE, "in-store checkout"),
            new Area("pages/member/", PathCategory.MEMBERSHIP, "membership"),
            new Area("pages/account/", PathCategory.ACCOUNT, "sign-in and account: phone-essential"),
            new Area("pages/delivery/", PathCategory.DELIVERY, "delivery ordering: phone-essential"),
            new Area("pages/identity/", PathCategory.REGULATED_IDENTITY, "real-name verification: phone-essential"),
            new Area("pages/activity/", PathCategory.UNCLASSIFIED, "campaign pages, not reviewed yet"));

    private SimPaths() {
    }

    /** The category of {@code path} under the simulator's policy. */
    public static PathCategory category(String path) {
        for (final Area area : AREAS) {
            if (path.startsWith(area.prefix())) {
                return area.category();
            }
        }
        return PathCategory.UNCLASSIFIED;
    }

    /** Whether the contract counts {@code category} as phone-essential. */
    public static boolean isPhoneEssential(PathCategory category) {
        return category == PathCategory.ACCOUNT || category == PathCategory.DELIVERY
                || category == PathCategory.REGULATED_IDENTITY;
    }
}
