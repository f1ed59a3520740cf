package io.authwatch.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The one glob grammar of path policies, as {@code policy apply} and the running monitor both check it. */
class GlobTest {

    /** {@code **} need not be a whole segment: the contract gives it one meaning, any run across segments. */
    @ParameterizedTest
    @ValueSource(strings = {"pages/index/index", "pages/*/detail", "**/login/**", "/pages/goods/**", "**",
        "pages/goods**", "pages/a**"})
    void shouldAcceptTheContractsGlobs(String pattern) {
        assertThatCode(() -> Glob.compile(pattern)).doesNotThrowAnyException();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pages//x", "pages/x/", "***/x", "pages/?", "pages/{a,b}",
        "pages/[ab]", "!pages", "pages\\x", "pages/a b"})
    void shouldRejectWhatTheContractDoesNotDefine(String pattern) {
        assertThatThrownBy(() -> Glob.compile(pattern)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageStartingWith("invalid glob '" + pattern + "'");
    }

    @Test
    void shouldMatchSingleStarWithinOneSegmentOnly() {
        final Glob glob = Glob.compile("pages/*/index");
        assertThat(glob.matches("pages/home/index")).isTrue();
        assertThat(glob.matches("pages//index")).isTrue();
        assertThat(glob.matches("pages/a/b/index")).isFalse();
        assertThat(Glob.compile("pages/goods-*").matches("pages/goods-12")).isTrue();
        assertThat(Glob.compile("pages/goods-*").matches("pages/goods-12/x")).isFalse();
    }

    @Test
    void shouldMatchDoubleStarAcrossSegmentsIncludingNone() {
        final Glob login = Glob.compile("**/login/**");
        assertThat(login.matches("pages/login/index")).isTrue();
        assertThat(login.matches("login/index")).isTrue();
        assertThat(login.matches("a/b/login")).isTrue();
        assertThat(login.matches("login")).isTrue();
        assertThat(login.matches("pages/loginx/index")).isFalse();
        assertThat(login.matches("pages/relogin/index")).isFalse();
        assertThat(Glob.compile("pages/**/detail").matches("pages/detail")).isTrue();
        assertThat(Glob.compile("pages/**/detail").matches("pages/goods/x/detail")).isTrue();
        assertThat(Glob.compile("pages/index/**").matches("pages/index/index")).isTrue();
        assertThat(Glob.compile("pages/index/**").matches("pages/indexes")).isFalse();
        assertThat(Glob.compile("**").matches("anything/at/all")).isTrue();
        assertThat(Glob.compile("pages/goods**").matches("pages/goods/a/b")).isTrue();
    }

    @Test
    void shouldTreatOtherCharactersLiterally() {
        assertThat(Glob.compile("pages/a.b/(x)+$").matches("pages/a.b/(x)+$")).isTrue();
        assertThat(Glob.compile("pages/a.b/(x)+$").matches("pages/a.b/xx")).isFalse();
        assertThat(Glob.compile("pages/a.b").matches("pages/aXb")).isFalse();
        assertThat(Glob.compile("pages/Goods").matches("pages/goods")).isFalse();
    }

    @Test
    void shouldCompareInNormalFormWithoutLeadingSlashOrQuery() {
        final Glob glob = Glob.compile("/pages/goods/*");
        assertThat(glob.matches("pages/goods/detail")).isTrue();
        assertThat(glob.matches("/pages/goods/detail?id=7")).isTrue();
    }

    @Test
    void shouldRejectInvalidGlobsWithAClearMessage() {
        assertThatThrownBy(() -> Glob.compile("")).isInstanceOf(InvalidPolicyException.class).hasMessageContaining("empty");
        assertThatThrownBy(() -> Glob.compile("pages/***")).hasMessageContaining("'***' is ambiguous");
        assertThatThrownBy(() -> Glob.compile("pages/a b")).hasMessageContaining("whitespace");
        assertThatThrownBy(() -> Glob.compile("p".repeat(2049))).hasMessageContaining("longer than 2048");
        assertThatThrownBy(() -> Glob.compile("pages/[x]")).hasMessageContaining("'[' is not supported");
        assertThatThrownBy(() -> Glob.compile("pages//x")).hasMessageContaining("empty segment");
    }
}
