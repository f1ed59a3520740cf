package io.authwatch.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.runtime.TopicSetup;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every key CONTRACT.md names (sections 2, 4, 5, 7, 8) exists with the contract's default and its variable. */
class ContractConfigKeysTest {

    @ParameterizedTest(name = "{0} = {1}")
    @CsvSource(delimiter = '|', value = {
        "topic.telemetry|miniapp.telemetry.v1",
        "topic.policy|authwatch.policy.v1",
        "topic.violations|authwatch.violations.v1",
        "topic.enforcement|authwatch.enforcement.v1",
        "topic.dlq|authwatch.dlq.v1",
        "input.rekey|false",
        "ordering.grace|PT10S",
        "dedup.window|PT1H",
        "rule.forced-window|PT30S",
        "rule.session-quiet|PT30S",
        "rule.idle-sweep|PT5S",
        "rule.reprompt.cooldown|PT48H",
        "enforce.window|P1D",
        "enforce.zone|Asia/Shanghai",
        "enforce.grace|PT1H",
        "enforce.warning.min-users|5",
        "enforce.warning.expires-after|P7D",
        "enforce.warning.lookback-windows|7",
        "enforce.restrict.min-users|50",
        "enforce.restrict.min-rate|0.05",
        "enforce.restrict.expires-after|P7D",
        "enforce.restrict.lookback-windows|30",
        "enforce.suspend.min-users|200",
        "enforce.suspend.min-rate|0.20",
        "enforce.suspend.expires-after|P30D",
        "user-ref.secret|",
        "http.port|8080",
        "http.bind|0.0.0.0",
        "application.id|authwatch",
        "processing.guarantee|exactly_once_v2",
    })
    void shouldHaveTheContractsDefault(String key, String expected) {
        // When nothing is configured
        final AuthwatchConfig config = AuthwatchConfig.load(null, Map.of());

        // Then the key exists with the contract's default
        assertThat(config.asMap()).containsKey(key);
        assertThat(config.asMap().get(key)).isEqualTo(expected == null ? "" : expected);
    }

    @ParameterizedTest(name = "{0} from {1}")
    @CsvSource(delimiter = '|', value = {
        "topic.telemetry|AUTHWATCH_TOPIC_TELEMETRY|custom.telemetry",
        "schema.registry.url|AUTHWATCH_SCHEMA_REGISTRY_URL|http://registry:8081",
        "bootstrap.servers|AUTHWATCH_BOOTSTRAP_SERVERS|broker:9092",
        "enforce.warning.min-users|AUTHWATCH_ENFORCE_WARNING_MIN_USERS|3",
        "rule.forced-window|AUTHWATCH_RULE_FORCED_WINDOW|PT5S",
        "http.port|AUTHWATCH_HTTP_PORT|9090",
        "processing.guarantee|AUTHWATCH_PROCESSING_GUARANTEE|at_least_once",
    })
    void shouldTakeEachKeyFromItsEnvironmentVariable(String key, String variable, String value) {
        assertThat(AuthwatchConfig.load(null, Map.of(variable, value)).string(key)).isEqualTo(value);
    }

    @Test
    void shouldPassKafkaPrefixedKeysToTheAdminClientToo() {
        // Given security settings for the cluster
        final AuthwatchConfig config = AuthwatchConfig.load(null, Map.of(
                "AUTHWATCH_KAFKA_SECURITY_PROTOCOL", "SASL_SSL", "AUTHWATCH_KAFKA_SASL_MECHANISM", "PLAIN"));

        // Then the admin client that checks the topics gets them without the prefix
        assertThat(TopicSetup.adminProperties(config))
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "PLAIN")
                .doesNotContainKey("kafka.security.protocol");
    }
}
