package dev.moodlens.deploy.k8s;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.moodlens.deploy.ProjectPaths;

/**
 * What a service's configuration (common's shared defaults and its own application.properties) says about its port and its health and metrics paths (the
 * prod-profile view, which is what runs in the cluster), so the manifests are checked against the source of
 * truth instead of against a copy of the numbers.
 */
record ServiceSettings(String name, int port, String portVariable, String startedPath, String livePath,
        String readyPath, String metricsPath) {

    /** ${SOME_VARIABLE:default} or a plain value. */
    private static final Pattern EXPRESSION = Pattern.compile("\\$\\{([A-Za-z0-9_.]+)(?::([^}]*))?}");

    /**
     * The defaults every service shares (common's jar, ordinal 100): a service's configuration is these, overridden
     * by its own application.properties.
     */
    static final String COMMON_DEFAULTS = "common/src/main/resources/META-INF/microprofile-config.properties";

    static ServiceSettings of(String service) {
        Properties properties = properties(service);
        String portValue = value(properties, "quarkus.http.port", "8080");
        Matcher expression = EXPRESSION.matcher(portValue);
        String variable = null;
        if (expression.matches()) {
            variable = expression.group(1);
            portValue = expression.group(2);
        }
        String nonApplicationRoot = absolute(value(properties, "quarkus.http.non-application-root-path", "q"));
        String healthRoot = under(nonApplicationRoot, value(properties, "quarkus.smallrye-health.root-path", "health"));
        String metrics = under(nonApplicationRoot, value(properties, "quarkus.micrometer.export.prometheus.path",
                "metrics"));
        return new ServiceSettings(service, Integer.parseInt(portValue.trim()), variable,
                under(healthRoot, value(properties, "quarkus.smallrye-health.startup-path", "started")),
                under(healthRoot, value(properties, "quarkus.smallrye-health.liveness-path", "live")),
                under(healthRoot, value(properties, "quarkus.smallrye-health.readiness-path", "ready")),
                metrics);
    }

    /** The service's properties: common's shared defaults, then its own application.properties over them. */
    static Properties properties(String service) {
        Properties properties = new Properties();
        for (Path file : List.of(ProjectPaths.root().resolve(COMMON_DEFAULTS),
                ProjectPaths.root().resolve(service).resolve("src/main/resources/application.properties"))) {
            try (Reader reader = Files.newBufferedReader(file)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + file, e);
            }
        }
        return properties;
    }

    /** The text of the service's configuration: common's shared defaults, then its own application.properties. */
    static String propertiesText(String service) {
        try {
            return Files.readString(ProjectPaths.root().resolve(COMMON_DEFAULTS)) + "\n"
                    + Files.readString(ProjectPaths.root().resolve(service).resolve("src/main/resources/application.properties"));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + service + "'s configuration", e);
        }
    }

    /**
     * Environment variable names that reach a setting: the ones named in ${VARIABLE...} expressions, and the
     * environment form of every property key (Quarkus maps MOODLENS_A_B_C onto moodlens.a.b-c when that key
     * is known).
     */
    static Set<String> environmentNames(String propertiesText) {
        Set<String> names = new TreeSet<>();
        Matcher expression = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)").matcher(propertiesText);
        while (expression.find()) {
            names.add(expression.group(1));
        }
        for (String line : propertiesText.split("\\R")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            String key = trimmed.substring(0, trimmed.indexOf('=')).strip().replaceFirst("^%[^.]+\\.", "");
            names.add(key.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_"));
        }
        return names;
    }

    private static String value(Properties properties, String key, String fallback) {
        String prod = properties.getProperty("%prod." + key);
        return prod != null ? prod.trim() : properties.getProperty(key, fallback).trim();
    }

    private static String absolute(String path) {
        return path.startsWith("/") ? path : "/" + path;
    }

    private static String under(String parent, String child) {
        if (child.startsWith("/")) {
            return child;
        }
        return (parent.endsWith("/") ? parent : parent + "/") + child;
    }
}
