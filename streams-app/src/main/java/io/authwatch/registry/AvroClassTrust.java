package io.authwatch.registry;

import org.apache.avro.specific.SpecificRecord;
import org.apache.avro.util.ClassSecurityValidator;
import org.apache.avro.util.ClassSecurityValidator.ClassSecurityPredicate;

/**
 * Lets Avro (1.12+, which refuses to load classes named in schemas unless trusted) instantiate
 * authwatch's generated records and enums, and nothing else beyond what was trusted before.
 *
 * <p>Only the reader's class names are ever loaded (the reader schema comes from our own generated
 * classes; writer-only names are resolved against it), so trusting generated types of our own
 * packages opens nothing to a hostile writer schema.
 */
final class AvroClassTrust {

    private static final String PACKAGE_PREFIX = "io.authwatch.";

    private AvroClassTrust() {
    }

    /** Adds the trust once per JVM, keeping whatever the global validator already trusts. */
    static synchronized void install() {
        final ClassSecurityPredicate current = ClassSecurityValidator.getGlobal();
        if (current instanceof GeneratedTypes) {
            return;
        }
        ClassSecurityValidator.setGlobal(new GeneratedTypes(current));
    }

    private record GeneratedTypes(ClassSecurityPredicate previous) implements ClassSecurityPredicate {
        @Override
        public boolean isTrusted(Class<?> type) {
            final boolean generated = type.getName().startsWith(PACKAGE_PREFIX)
                    && (SpecificRecord.class.isAssignableFrom(type) || type.isEnum());
            return generated || previous.isTrusted(type);
        }
    }
}
