package io.authwatch.policy;

/**
 * The category of a path and the version of the policy that decided it (CONTRACT.md section 4:
 * the version of the policy whose rule matched; when none matched, the app's policy version, else
 * the platform default's, else 0).
 */
public record Classification(PathCategory category, long policyVersion) {

    /** Phone-essential categories (ACCOUNT, DELIVERY, REGULATED_IDENTITY) may ask for the phone number. */
    public boolean phoneEssential() {
        return isPhoneEssential(category);
    }

    public static boolean isPhoneEssential(PathCategory category) {
        return category == PathCategory.ACCOUNT || category == PathCategory.DELIVERY
                || category == PathCategory.REGULATED_IDENTITY;
    }
}
