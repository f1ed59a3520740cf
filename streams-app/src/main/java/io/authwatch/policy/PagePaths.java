package io.authwatch.policy;

/**
 * The one normal form of a page path, used both for glob matching and for comparing paths (a
 * prompt's page or target against later PageViews): a leading {@code /} is dropped (clients report
 * {@code pages/a} and {@code /pages/a} alike) and so is any query string or fragment, which carries
 * parameters of the page, not another page.
 */
public final class PagePaths {

    private PagePaths() {
    }

    /**
     * {@code path} as it may appear in output (violations, evidence, reasons): as reported, less any
     * query string or fragment, whose parameters may carry personal data.
     */
    public static String forOutput(String path) {
        if (path == null) {
            return null;
        }
        final int query = path.indexOf('?');
        final int fragment = path.indexOf('#');
        final int end = query < 0 ? fragment : fragment < 0 ? query : Math.min(query, fragment);
        return end < 0 ? path : path.substring(0, end);
    }

    /** {@code path} in normal form; {@code null} stays {@code null}. */
    public static String normalize(String path) {
        if (path == null) {
            return null;
        }
        int end = path.length();
        final int query = path.indexOf('?');
        if (query >= 0) {
            end = query;
        }
        final int fragment = path.indexOf('#');
        if (fragment >= 0 && fragment < end) {
            end = fragment;
        }
        int start = 0;
        while (start < end && path.charAt(start) == '/') {
            start++;
        }
        return path.substring(start, end);
    }
}
