package io.authwatch.registry;

import org.apache.avro.util.ClassSecurityValidator;

/**
 * Avro 1.12 refuses to load a generated class by name unless it is trusted, and the specific
 * reader and writer look the payload union's record classes up by name. This trusts authwatch's own
 * generated packages ({@code io.authwatch.}) in addition to whatever was trusted before, once per
 * class loader (the JVM runs the static initializer once).
 */
final class AvroClassTrust {

    private static final String OWN_PACKAGES = "io.authwatch.";

    static {
        final ClassSecurityValidator.ClassSecurityPredicate before = ClassSecurityValidator.getGlobal();
        ClassSecurityValidator.setGlobal(ClassSecurityValidator.composite(before,
                type -> type.getName().startsWith(OWN_PACKAGES)));
    }

    private AvroClassTrust() {
    }

    /** Makes sure the trust is in place; cheap after the first call. */
    static void ensure() {
        // the static initializer did the work
    }
}
