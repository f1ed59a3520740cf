package io.authwatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.authwatch.enforcement.EnforcementAction;
import io.authwatch.violation.Evidence;
import io.authwatch.violation.Violation;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/**
 * The JSON field names of the query API (CONTRACT.md section 8): the app view's exact names, and
 * violations and actions "as on the topics", field for field with their Avro schemas.
 */
class ApiViewsContractTest {

    @Test
    void shouldNameTheAppViewsFieldsAsTheContractDoes() {
        assertThat(names(ApiViews.AppView.class)).containsExactly("appId", "window", "latestAction", "recentViolations");
        assertThat(names(ApiViews.WindowView.class))
                .containsExactly("start", "end", "activeUsers", "affectedUsers", "affectedRate", "violationsByRule");
        assertThat(names(ApiViews.AppRow.class)).containsExactly("appId", "window", "latestAction");
    }

    @Test
    void shouldShowViolationsAndActionsWithTheirTopicsFieldNames() {
        assertThat(names(ApiViews.ViolationView.class)).containsExactlyElementsOf(fields(Violation.getClassSchema()));
        assertThat(names(ApiViews.EvidenceView.class)).containsExactlyElementsOf(fields(Evidence.getClassSchema()));
        assertThat(names(ApiViews.ActionView.class))
                .containsExactlyElementsOf(fields(EnforcementAction.getClassSchema()));
    }

    private static List<String> names(Class<? extends Record> view) {
        return Arrays.stream(view.getRecordComponents()).map(RecordComponent::getName).toList();
    }

    private static List<String> fields(Schema schema) {
        return schema.getFields().stream().map(Schema.Field::name).toList();
    }
}
