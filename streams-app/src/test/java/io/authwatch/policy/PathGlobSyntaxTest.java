package io.authwatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PathGlobSyntaxTest {

    @ParameterizedTest
    @ValueSource(strings = {"pages/index/index", "pages/*/detail", "**/login/**", "/pages/goods/**", "**"})
    void shouldAcceptTheContractsGlobs(String pattern) {
        assertThat(PathGlobSyntax.problem(pattern)).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "pages//x", "pages/x/", "pages/a**", "***/x", "pages/?", "pages/{a,b}",
        "pages/[ab]", "!pages", "pages\\x", "pages/a b"})
    void shouldRejectWhatTheContractDoesNotDefine(String pattern) {
        assertThat(PathGlobSyntax.problem(pattern)).isPresent();
    }
}
