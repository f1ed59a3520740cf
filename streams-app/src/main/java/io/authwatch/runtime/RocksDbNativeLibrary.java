package io.authwatch.runtime;

import java.nio.file.Files;
import java.nio.file.Path;
import org.rocksdb.RocksDB;

/**
 * Loads RocksDB's native library before anything else starts, so that a container whose root file
 * system is read-only fails at once with a message naming the directory to make writable, instead of
 * a raw stack trace once the stores open. RocksDB's loader ({@code org.rocksdb.NativeLibraryLoader})
 * first tries {@code java.library.path}; failing that it unpacks the library from its jar into
 * {@code $ROCKSDB_SHAREDLIB_DIR} when that variable is set (the directory must exist), else into
 * {@code java.io.tmpdir}, and loads it from there, so that directory must be writable and allow
 * executable mappings (not mounted {@code noexec}).
 */
public final class RocksDbNativeLibrary {

    static final String SHAREDLIB_DIR = "ROCKSDB_SHAREDLIB_DIR";

    private RocksDbNativeLibrary() {
    }

    /** Loads the library; fails with a {@link StartupException} naming the unpack directory. */
    public static void require() {
        try {
            RocksDB.loadLibrary();
        } catch (RuntimeException | LinkageError e) {
            throw new StartupException(message(System.getenv(SHAREDLIB_DIR), System.getProperty("java.io.tmpdir"), e), e);
        }
    }

    /** What to tell the operator when loading failed with {@code cause}. */
    static String message(String sharedLibDir, String tmpDir, Throwable cause) {
        final boolean fromVariable = sharedLibDir != null && !sharedLibDir.isEmpty();
        final String dir = fromVariable ? sharedLibDir : tmpDir;
        final String where = fromVariable ? SHAREDLIB_DIR + "=" + dir : "java.io.tmpdir=" + dir;
        final Path path = Path.of(dir);
        final String state = !Files.isDirectory(path) ? "is not a directory"
                : !Files.isWritable(path) ? "is not writable" : "could not take the library";
        return "cannot load RocksDB's native library: it is unpacked into " + where + ", which " + state
                + " (" + rootCause(cause) + "). Mount a writable volume there (e.g. an emptyDir at /tmp, not "
                + "noexec), or point -Djava.io.tmpdir or " + SHAREDLIB_DIR + " at a writable directory.";
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
