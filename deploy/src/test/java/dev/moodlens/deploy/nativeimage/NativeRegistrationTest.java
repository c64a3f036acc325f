package dev.moodlens.deploy.nativeimage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.moodlens.deploy.ProjectPaths;

/**
 * No GraalVM here, so the native build is checked as far as it can be without one: the native profile is
 * configured, and every registration file (whatever the modules carry under
 * META-INF/native-image) is valid JSON naming classes and constructors that really exist, plus the native
 * libraries the resource includes must carry.
 */
class NativeRegistrationTest {

    private static final List<String> SERVICES = List.of("inference-service", "analysis-service", "chat-service");
    private static final Map<String, Class<?>> PRIMITIVES = Map.of("int", int.class, "long", long.class,
            "boolean", boolean.class, "float", float.class, "double", double.class, "byte", byte.class,
            "short", short.class, "char", char.class);

    @Test
    void nativeProfileSwitchesTheQuarkusBuildToANativeExecutable() throws Exception {
        Document pom = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(ProjectPaths.root().resolve("pom.xml").toFile());
        NodeList profiles = pom.getElementsByTagName("profile");
        Element nativeProfile = null;
        for (int i = 0; i < profiles.getLength(); i++) {
            Element profile = (Element) profiles.item(i);
            if ("native".equals(text(profile, "id"))) {
                nativeProfile = profile;
            }
        }
        assertNotNull(nativeProfile, "parent pom has no 'native' profile");
        assertEquals("true", text(nativeProfile, "quarkus.native.enabled"));
        for (String service : SERVICES) {
            String servicePom = Files.readString(ProjectPaths.root().resolve(service).resolve("pom.xml"));
            assertTrue(servicePom.contains("<artifactId>quarkus-maven-plugin</artifactId>"),
                    service + " must build with the quarkus-maven-plugin for -Pnative to apply");
        }
    }

    @Test
    void registrationFilesNameClassesAndConstructorsThatExist() {
        List<Path> files = registrationFiles();
        assertFalse(files.isEmpty(), "no native registration files found");
        List<String> problems = new ArrayList<>();
        ObjectMapper json = new ObjectMapper();
        for (Path file : files) {
            JsonNode entries;
            try {
                entries = json.readTree(file.toFile());
            } catch (IOException e) {
                problems.add(file + ": not valid JSON: " + e.getMessage());
                continue;
            }
            if (!entries.isArray() || entries.isEmpty()) {
                problems.add(file + ": must be a non-empty JSON array");
                continue;
            }
            for (JsonNode entry : entries) {
                String name = entry.path("name").asText(null);
                if (name == null) {
                    problems.add(file + ": entry without a name: " + entry);
                    continue;
                }
                if (name.startsWith("dev.moodlens.")) {
                    checkOwnClass(name, file, problems);
                    continue;
                }
                Class<?> type = load(name);
                if (type == null) {
                    problems.add(file + ": class " + name + " does not exist");
                    continue;
                }
                for (JsonNode method : entry.path("methods")) {
                    checkMethod(type, method, file, problems);
                }
                for (JsonNode field : entry.path("fields")) {
                    try {
                        type.getDeclaredField(field.path("name").asText());
                    } catch (NoSuchFieldException e) {
                        problems.add(file + ": " + name + " has no field " + field.path("name").asText());
                    }
                }
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /** The native libraries the inference service loads from its classpath, as the resource includes name them. */
    @Test
    void nativeLibrariesNamedByTheResourceIncludesExist() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(ProjectPaths.root().resolve("inference-service/src/main/resources/application.properties"))) {
            properties.load(in);
        }
        String includes = properties.getProperty("quarkus.native.resources.includes");
        assertNotNull(includes);
        for (String resource : List.of("ai/onnxruntime/native/linux-x64/libonnxruntime.so",
                "ai/onnxruntime/native/linux-x64/libonnxruntime4j_jni.so", "native/lib/tokenizers.properties",
                "native/lib/linux-x86_64/cpu/libtokenizers.so")) {
            assertNotNull(getClass().getClassLoader().getResource(resource), resource + " is not on the classpath");
            String directory = resource.substring(0, resource.lastIndexOf('/') + 1);
            assertTrue(includes.contains(resource) || includes.contains(directory + "**"),
                    resource + " is not covered by quarkus.native.resources.includes");
        }
        // The bundled models are read as files beside the executable (inference-service README, "Native executable"):
        // embedded, they made a 351 MB image whose pages count against the process's memory.
        assertFalse(includes.contains("bundled-models"), "the bundled models must not be embedded in the image");
    }

    private static void checkMethod(Class<?> type, JsonNode method, Path file, List<String> problems) {
        String name = method.path("name").asText();
        List<Class<?>> parameters = new ArrayList<>();
        for (JsonNode parameter : method.path("parameterTypes")) {
            Class<?> p = load(parameter.asText());
            if (p == null) {
                problems.add(file + ": unknown parameter type " + parameter.asText());
                return;
            }
            parameters.add(p);
        }
        Class<?>[] signature = parameters.toArray(Class<?>[]::new);
        try {
            if (name.equals("<init>")) {
                type.getDeclaredConstructor(signature);
            } else {
                type.getDeclaredMethod(name, signature);
            }
        } catch (NoSuchMethodException e) {
            problems.add(file + ": " + type.getName() + " has no " + name + parameters);
        }
    }

    private static void checkOwnClass(String name, Path file, List<String> problems) {
        String relative = name.replace('.', '/').replaceAll("\\$.*", "") + ".java";
        boolean exists = Stream.of("common", "models-runtime", "inference-service", "analysis-service", "chat-service")
                .anyMatch(module -> Files.exists(ProjectPaths.root().resolve(module).resolve("src/main/java").resolve(relative)));
        if (!exists) {
            problems.add(file + ": class " + name + " has no source in any module");
        }
    }

    /** Loads without initialising: static initialisers of JNI classes would try to load native libraries. */
    private static Class<?> load(String name) {
        if (PRIMITIVES.containsKey(name)) {
            return PRIMITIVES.get(name);
        }
        if (name.endsWith("[]")) {
            Class<?> component = load(name.substring(0, name.length() - 2));
            return component == null ? null : component.arrayType();
        }
        try {
            return Class.forName(name, false, NativeRegistrationTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return null;
        }
    }

    private static List<Path> registrationFiles() {
        List<Path> roots = new ArrayList<>();
        for (String module : List.of("common", "models-runtime", "inference-service", "analysis-service", "chat-service")) {
            roots.add(ProjectPaths.root().resolve(module).resolve("src/main/resources/META-INF/native-image"));
        }
        List<Path> files = new ArrayList<>();
        for (Path root : roots) {
            if (!Files.isDirectory(root)) {
                continue;
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(p -> p.getFileName().toString().endsWith("-config.json")).forEach(files::add);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return files;
    }

    private static String text(Element parent, String tag) {
        NodeList nodes = parent.getElementsByTagName(tag);
        return nodes.getLength() == 0 ? null : nodes.item(0).getTextContent().trim();
    }
}
