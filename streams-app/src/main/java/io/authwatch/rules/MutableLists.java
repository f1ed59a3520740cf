package io.authwatch.rules;

import io.authwatch.internal.DetectionState;
import io.authwatch.internal.PendingPrompt;
import io.authwatch.internal.SessionState;
import java.util.ArrayList;
import java.util.List;

/**
 * Avro decodes arrays into lists whose iterators cannot remove; the rules edit state lists in place,
 * so every list of a freshly loaded state is swapped for an {@link ArrayList} first.
 */
final class MutableLists {

    private MutableLists() {
    }

    static void of(DetectionState user) {
        user.setSessions(copy(user.getSessions()));
        user.setRefusals(copy(user.getRefusals()));
        user.setSeen(copy(user.getSeen()));
        user.setActivityWindows(copy(user.getActivityWindows()));
        for (final SessionState s : user.getSessions()) {
            s.setBuffer(copy(s.getBuffer()));
            s.setRecent(copy(s.getRecent()));
            s.setPages(copy(s.getPages()));
            s.setPrompts(copy(s.getPrompts()));
            s.setPending(copy(s.getPending()));
            for (final PendingPrompt p : s.getPending()) {
                p.setContext(copy(p.getContext()));
                p.setWindow(copy(p.getWindow()));
            }
        }
    }

    private static <T> List<T> copy(List<T> list) {
        return list instanceof ArrayList<T> already ? already : new ArrayList<>(list);
    }
}
