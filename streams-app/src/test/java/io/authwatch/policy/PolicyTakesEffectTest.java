package io.authwatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.authwatch.fixtures.DetectionDriver;
import java.util.List;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.slf4j.LoggerFactory;

/** The monitor logs once when a policy version takes effect: appId, version, rule count, nothing else. */
class PolicyTakesEffectTest {

    @RegisterExtension
    final DetectionDriver driver = DetectionDriver.perTest();

    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(PolicyTakesEffect.class);

    @BeforeEach
    void listen() {
        logged.start();
        logger.addAppender(logged);
    }

    @AfterEach
    void stopListening() {
        logger.detachAppender(logged);
    }

    @Test
    void shouldLogOnceWhenAPolicyVersionTakesEffect() {
        // Given version 3 of an app's policy, read twice (as after a restart), then version 4, then a tombstone
        final AppPathPolicy v3 = policy(3, "{\"pattern\":\"pages/vip/**\",\"category\":\"MEMBERSHIP\",\"note\":\"vip\"},"
                + "{\"pattern\":\"pages/goods/**\",\"category\":\"PRODUCT\"}");
        driver.policy(v3).policy(v3).policy(policy(4, "{\"pattern\":\"pages/goods/**\",\"category\":\"PRODUCT\"}"));
        driver.driver().createInputTopic(driver.topics().policy().name(), new StringSerializer(),
                driver.topics().policy().valueSerde().serializer()).pipeInput("wx-policy-log", null, driver.wallClock());

        // Then one INFO line per version, then one for the removal, naming appId, version and rule count only
        assertThat(infoLines()).containsExactly(
                "Policy in force: app 'wx-policy-log' version 3 (2 rules)",
                "Policy in force: app 'wx-policy-log' version 4 (1 rules), replacing version 3",
                "Policy removed: app 'wx-policy-log'");
        assertThat(String.join("\n", infoLines())).doesNotContain("pages/", "vip");
    }

    private List<String> infoLines() {
        return logged.list.stream().filter(e -> e.getLevel() == Level.INFO).map(ILoggingEvent::getFormattedMessage)
                .toList();
    }

    private static AppPathPolicy policy(long version, String rules) {
        return PolicyFile.parse("{\"appId\":\"wx-policy-log\",\"version\":" + version + ",\"rules\":[" + rules + "]}",
                "test");
    }
}
