package io.authwatch.topology;

import io.authwatch.internal.AppActivity;
import io.authwatch.violation.Violation;

/** What the detection processor forwards: a violation, or a user's activity for enforcement. Never serialized. */
sealed interface DetectionOutput {

    record ViolationOutput(Violation violation) implements DetectionOutput {
    }

    record ActivityOutput(AppActivity activity) implements DetectionOutput {
    }
}
