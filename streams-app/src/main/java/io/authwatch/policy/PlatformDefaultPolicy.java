package io.authwatch.policy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * The built-in platform default path policy, used while no {@code "*"} record exists on the policy
 * topic. It is the classpath resource {@value #RESOURCE} and classifies the same paths as the example
 * operators deploy, {@code deploy/policies/platform-default.json} (a test keeps the two equal); its
 * version is 0, so violations decided by it say {@code policyVersion=0}.
 */
public final class PlatformDefaultPolicy {

    public static final String RESOURCE = "/io/authwatch/policy/platform-default.json";

    private PlatformDefaultPolicy() {
    }

    /** A fresh copy of the built-in default (version 0). */
    public static AppPathPolicy builtIn() {
        try (InputStream in = PlatformDefaultPolicy.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the built-in policy " + RESOURCE + " is missing from the classpath");
            }
            final String json = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            final AppPathPolicy policy = PolicyFile.parse(json, RESOURCE);
            if (policy.getVersion() != 0 || !PathPolicyCatalog.PLATFORM_DEFAULT.equals(policy.getAppId())) {
                throw new IllegalStateException("the built-in policy must be appId \"*\" version 0");
            }
            return policy;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the built-in policy " + RESOURCE, e);
        }
    }
}
