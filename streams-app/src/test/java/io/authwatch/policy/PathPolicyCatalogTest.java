package io.authwatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PathPolicyCatalogTest {

    private final Map<String, AppPathPolicy> stored = new HashMap<>();
    private final PathPolicyCatalog catalog = new PathPolicyCatalog(stored::get);

    private static AppPathPolicy policy(String appId, long version, String pattern, PathCategory category) {
        return AppPathPolicy.newBuilder().setAppId(appId).setVersion(version)
                .setRules(List.of(PathRule.newBuilder().setPattern(pattern).setCategory(category).build())).build();
    }

    @Test
    void shouldClassifyWithTheBuiltInDefaultWhenNothingIsPublished() {
        assertThat(catalog.classify("app-1", "pages/index/index"))
                .isEqualTo(new Classification(PathCategory.ENTRY_HOME, 0));
        assertThat(catalog.classify("app-1", "pages/user/login/index"))
                .isEqualTo(new Classification(PathCategory.ACCOUNT, 0));
        assertThat(catalog.classify("app-1", "pages/order/address/edit"))
                .isEqualTo(new Classification(PathCategory.DELIVERY, 0));
        assertThat(catalog.classify("app-1", "pages/realname/verify"))
                .isEqualTo(new Classification(PathCategory.REGULATED_IDENTITY, 0));
        assertThat(catalog.classify("app-1", "pages/nowhere"))
                .isEqualTo(new Classification(PathCategory.UNCLASSIFIED, 0));
    }

    @Test
    void shouldTryAppRulesFirstThenThePlatformDefault() {
        stored.put("app-1", policy("app-1", 4, "pages/goods/**", PathCategory.MEMBERSHIP));
        stored.put("*", policy("*", 9, "**/goods/**", PathCategory.PRODUCT));

        assertThat(catalog.classify("app-1", "pages/goods/x")).isEqualTo(new Classification(PathCategory.MEMBERSHIP, 4));
        assertThat(catalog.classify("app-1", "shop/goods/x")).isEqualTo(new Classification(PathCategory.PRODUCT, 9));
        assertThat(catalog.classify("app-1", "pages/index/index"))
                .isEqualTo(new Classification(PathCategory.UNCLASSIFIED, 4));
        assertThat(catalog.classify("app-2", "pages/index/index"))
                .isEqualTo(new Classification(PathCategory.UNCLASSIFIED, 9));
    }

    @Test
    void shouldSeeUpdatesAndDeletionsAtOnce() {
        stored.put("app-1", policy("app-1", 1, "pages/x", PathCategory.ACCOUNT));
        assertThat(catalog.classify("app-1", "pages/x").category()).isEqualTo(PathCategory.ACCOUNT);

        stored.put("app-1", policy("app-1", 2, "pages/x", PathCategory.BROWSE));
        assertThat(catalog.classify("app-1", "pages/x")).isEqualTo(new Classification(PathCategory.BROWSE, 2));

        stored.remove("app-1");
        assertThat(catalog.classify("app-1", "pages/x")).isEqualTo(new Classification(PathCategory.UNCLASSIFIED, 0));
    }

    @Test
    void shouldReadTheStoreAgainOnlyWhenThePolicyGenerationMoves() {
        // Given a catalog that counts its store reads, over a store that changes only with a bump
        final PolicyGeneration generation = new PolicyGeneration();
        final int[] reads = {0};
        final PathPolicyCatalog cached = new PathPolicyCatalog(key -> {
            reads[0]++;
            return stored.get(key);
        }, generation);
        stored.put("app-1", policy("app-1", 1, "pages/x", PathCategory.ACCOUNT));
        generation.bump();

        // When the same app's paths are classified many times
        for (int i = 0; i < 100; i++) {
            assertThat(cached.classify("app-1", "pages/x")).isEqualTo(new Classification(PathCategory.ACCOUNT, 1));
            assertThat(cached.classify("app-1", "pages/index/index"))
                    .isEqualTo(new Classification(PathCategory.ENTRY_HOME, 0));
        }

        // Then the app's and the platform default's keys were each read once
        assertThat(reads[0]).isEqualTo(2);

        // And an update, announced by a bump, applies to the very next classification
        stored.put("app-1", policy("app-1", 2, "pages/x", PathCategory.BROWSE));
        generation.bump();
        assertThat(cached.classify("app-1", "pages/x")).isEqualTo(new Classification(PathCategory.BROWSE, 2));
        stored.remove("app-1");
        generation.bump();
        assertThat(cached.classify("app-1", "pages/x")).isEqualTo(new Classification(PathCategory.UNCLASSIFIED, 0));
    }

    @Test
    void shouldForgetTheLeastRecentlyUsedAppsBeyondItsBound() {
        // Given a caching catalog that counts its store reads of app-0 and of the platform default
        final PolicyGeneration generation = new PolicyGeneration();
        final int[] reads = {0};
        final int[] defaultReads = {0};
        final PathPolicyCatalog cached = new PathPolicyCatalog(key -> {
            if (key.equals("app-0")) {
                reads[0]++;
            } else if (key.equals("*")) {
                defaultReads[0]++;
            }
            return stored.get(key);
        }, generation);
        cached.classify("app-0", "pages/x");
        cached.classify("app-0", "pages/x");
        assertThat(reads[0]).isEqualTo(1);

        // When more apps than the bound are met after it
        for (int i = 1; i <= PathPolicyCatalog.MAX_CACHED; i++) {
            cached.classify("app-" + i, "pages/x");
        }

        // Then app-0 was forgotten and is read again, while the platform default stayed cached
        cached.classify("app-0", "pages/x");
        assertThat(reads[0]).isEqualTo(2);
        assertThat(defaultReads[0]).isEqualTo(1);
    }

    @Test
    void shouldIgnoreOnlyTheRulesTheGlobGrammarRejects() {
        // Given a policy written to the topic by hand, past policy apply, with one rule no glob can be
        final PathRule bracket = PathRule.newBuilder().setPattern("pages/[ab]").setCategory(PathCategory.ACCOUNT).build();
        final PathRule valid = PathRule.newBuilder().setPattern("pages/a").setCategory(PathCategory.BROWSE).build();
        stored.put("app-1", AppPathPolicy.newBuilder().setAppId("app-1").setVersion(5)
                .setRules(List.of(bracket, valid)).build());

        // Then that rule never matches, not even literally, and the rest of the policy applies
        assertThat(catalog.classify("app-1", "pages/[ab]")).isEqualTo(new Classification(PathCategory.UNCLASSIFIED, 5));
        assertThat(catalog.classify("app-1", "pages/a")).isEqualTo(new Classification(PathCategory.BROWSE, 5));
    }

    @Test
    void shouldKnowThePhoneEssentialCategories() {
        assertThat(PathCategory.values()).filteredOn(Classification::isPhoneEssential)
                .containsExactlyInAnyOrder(PathCategory.ACCOUNT, PathCategory.DELIVERY, PathCategory.REGULATED_IDENTITY);
    }
}
