package io.cassguard.service.config;

import io.smallrye.config.WithDefault;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's configuration table lists every {@code cassguard.*} setting with the default the code has. */
class ConfigurationTableTest {

    private static final Pattern ROW = Pattern.compile("^\\| `(cassguard\\.[a-z.-]+)` \\| ([^|]*) \\|", Pattern.MULTILINE);

    @Test
    void everySettingIsInTheReadmeWithItsDefault() throws IOException {
        Map<String, String> documented = new LinkedHashMap<>();
        Matcher row = ROW.matcher(Files.readString(Path.of("README.md")));
        while (row.find()) {
            documented.put(row.group(1), row.group(2).strip());
        }
        Map<String, String> settings = new LinkedHashMap<>();
        collect(CassguardConfig.class, "cassguard", settings);

        assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(settings.keySet());
        settings.forEach((key, defaultValue) -> {
            if (defaultValue != null) {
                assertThat(documented.get(key)).as(key).isEqualTo("`" + defaultValue + "`");
            }
        });
    }

    /** Each leaf of the mapping, by its property name, with its default (null when it has none). */
    private static void collect(Class<?> group, String prefix, Map<String, String> settings) {
        for (Method method : group.getDeclaredMethods()) {
            String key = prefix + "." + kebabCase(method.getName());
            if (method.getReturnType().isInterface() && method.getReturnType().getName().startsWith(CassguardConfig.class.getName())) {
                collect(method.getReturnType(), key, settings);
            } else {
                WithDefault defaultValue = method.getAnnotation(WithDefault.class);
                settings.put(key, defaultValue == null ? null : defaultValue.value());
            }
        }
    }

    private static String kebabCase(String name) {
        return name.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase();
    }
}
