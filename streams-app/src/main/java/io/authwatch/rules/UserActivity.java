package io.authwatch.rules;

import io.authwatch.enforcement.EnforcementWindows;
import io.authwatch.internal.AppActivity;
import io.authwatch.internal.DetectionState;
import io.authwatch.telemetry.AppLaunch;
import io.authwatch.telemetry.TelemetryEvent;
import java.util.List;
import java.util.Optional;

/**
 * Reports a user's AppLaunch to enforcement as an {@link AppActivity}, once per enforcement window
 * while the user's state is kept, so that the traffic to enforcement stays at about one record per
 * active user and window. A user forgotten (see {@link StateRetention}) and seen again in the same
 * window is reported again; enforcement counts distinct userRefs, so that only costs a record.
 */
final class UserActivity {

    private final EnforcementWindows windows;

    UserActivity(EnforcementWindows windows) {
        this.windows = windows;
    }

    Optional<AppActivity> onEvent(DetectionState user, TelemetryEvent event) {
        if (!(event.getPayload() instanceof AppLaunch)) {
            return Optional.empty();
        }
        final long start = windows.windowStart(TelemetryFacts.time(event));
        final List<Long> sent = user.getActivityWindows();
        if (sent.contains(start)) {
            return Optional.empty();
        }
        sent.add(start);
        sent.sort(Long::compare);
        while (sent.size() > DetectionLimits.MAX_ACTIVITY_WINDOWS) {
            sent.remove(0);
        }
        return Optional.of(AppActivity.newBuilder().setAppId(user.getAppId()).setUserRef(user.getUserRef())
                .setEventTime(event.getEventTime()).build());
    }
}
