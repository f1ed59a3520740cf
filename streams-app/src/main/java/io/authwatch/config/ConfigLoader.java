package io.authwatch.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Reads the layers of {@link AuthwatchConfig#load}: the properties file and the environment, each
 * remembered with where a key came from, so that an error can say which line of whose input to fix.
 */
final class ConfigLoader {

    private ConfigLoader() {
    }

    /** The keys of a properties file (UTF-8); a key set twice in the file is an error. */
    static Map<String, String> readFile(Path file) {
        final DuplicateRejectingProperties props = new DuplicateRejectingProperties(file);
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            throw new ConfigException("--config", file.toString(), "does not exist");
        } catch (IOException e) {
            throw new ConfigException("--config", file.toString(), "cannot be read: " + e.getMessage());
        }
        final Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(k -> out.put(k.trim(), props.getProperty(k)));
        return out;
    }

    /** {@link Properties} that fails on the second occurrence of a key instead of keeping the last. */
    private static final class DuplicateRejectingProperties extends Properties {

        private static final long serialVersionUID = 1L;
        private final transient Path file;

        DuplicateRejectingProperties(Path file) {
            this.file = file;
        }

        @Override
        public synchronized Object put(Object key, Object value) {
            if (containsKey(key)) {
                throw new ConfigException(key.toString(), null, "is set twice in " + file);
            }
            return super.put(key, value);
        }
    }
}
