package dev.moodlens.deploy.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.moodlens.deploy.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The import rules between the modules (docs/architecture.md), checked on the compiled main classes of every
 * Java module: no service imports another service, common and reading import no service and no model code,
 * the runtime knows no builder, a service ships no training code and no benchmark (the bench module: no service
 * imports it or names it in its pom, and it imports no service's classes). The rules are written on packages; the
 * first test pins each module to its packages, so that they are rules on modules. Inside analysis-service its
 * packages are layered (journal at the bottom, context at the top): none imports a package above it.
 */
class ModuleRulesTest {

    static final String INFERENCE = "dev.moodlens.inference..";
    static final String ANALYSIS = "dev.moodlens.analysis..";
    static final String CHAT = "dev.moodlens.chat..";
    static final String COMMON = "dev.moodlens.common..";
    static final String READING = "dev.moodlens.reading..";
    static final String RUNTIME = "dev.moodlens.models.runtime..";
    /** bench: the benchmarks and the load generator, run by the launcher, shipped in no service. */
    static final String BENCH = "dev.moodlens.bench..";
    /** models-build: how the models are made. */
    static final String[] BUILD = {"dev.moodlens.models.head..", "dev.moodlens.models.train..",
            "dev.moodlens.models.tune..", "dev.moodlens.models.assemble..", "dev.moodlens.models.eval..",
            "dev.moodlens.models.quantize.."};

    /**
     * analysis-service's feature packages, bottom up (docs/architecture.md): each may import those below it and
     * none above it. config (the service's settings and metric names) is under all of them.
     */
    static final List<String> ANALYSIS_LAYERS = List.of("config", "journal", "scoring", "insight", "context");

    /** Each Java module with the packages its main classes may live in. */
    static final Map<String, String[]> MODULES = new LinkedHashMap<>();

    static {
        MODULES.put("common", new String[]{COMMON});
        MODULES.put("reading", new String[]{READING});
        MODULES.put("models-runtime", new String[]{RUNTIME});
        MODULES.put("models-build", BUILD);
        MODULES.put("inference-service", new String[]{INFERENCE});
        MODULES.put("analysis-service", new String[]{ANALYSIS});
        MODULES.put("chat-service", new String[]{CHAT});
        MODULES.put("bench", new String[]{BENCH});
    }

    static JavaClasses all;

    @BeforeAll
    static void importModules() {
        List<Path> dirs = new ArrayList<>();
        for (String module : MODULES.keySet()) {
            dirs.add(classesOf(module));
        }
        all = new ClassFileImporter().importPaths(dirs);
    }

    static Path classesOf(String module) {
        Path dir = ProjectPaths.root().resolve(module).resolve("target/classes");
        if (!Files.isDirectory(dir.resolve("dev/moodlens"))) {
            fail("no compiled classes in " + dir + ": build " + module + " first (mvn verify builds every module before deploy)");
        }
        return dir;
    }

    @Test
    void eachModuleHoldsOnlyItsOwnPackages() {
        for (Map.Entry<String, String[]> module : MODULES.entrySet()) {
            JavaClasses own = new ClassFileImporter().importPath(classesOf(module.getKey()));
            assertTrue(own.size() > 0, module.getKey());
            classes().should().resideInAnyPackage(module.getValue())
                    .because(module.getKey() + "'s classes live in its own packages, which the rules below name")
                    .check(own);
        }
    }

    @Test
    void noServiceImportsAnotherService() {
        rule(INFERENCE, ANALYSIS, CHAT).check(all);
        rule(ANALYSIS, INFERENCE, CHAT).check(all);
        rule(CHAT, INFERENCE, ANALYSIS).check(all);
    }

    @Test
    void commonAndReadingImportNoServiceAndNoModelCode() {
        for (String shared : new String[]{COMMON, READING}) {
            noClasses().that().resideInAPackage(shared)
                    .should().dependOnClassesThat().resideInAnyPackage(INFERENCE, ANALYSIS, CHAT, "dev.moodlens.models..")
                    .because("the shared modules sit below the services and know no model code")
                    .check(all);
        }
    }

    /**
     * common's token package is the suite's one token issuer, which the launcher runs with a bare java (`./moodlens
     * token`: common's classes and picocli on the class path) and bench and system-tests use without common's
     * dependencies: it needs the JDK and picocli only.
     */
    @Test
    void theTokenIssuerNeedsOnlyTheJdkAndPicocli() {
        classes().that().resideInAPackage("dev.moodlens.common.token..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("dev.moodlens.common.token..", "java..", "picocli..")
                .because("./moodlens token runs it with common's classes and picocli only")
                .check(all);
    }

    @Test
    void theRuntimeKnowsNoBuilder() {
        noClasses().that().resideInAPackage(RUNTIME)
                .should().dependOnClassesThat().resideInAnyPackage(concat(BUILD, INFERENCE, ANALYSIS, CHAT, COMMON, READING))
                .because("models-runtime runs a model directory and knows nothing of how one is made or served")
                .check(all);
    }

    @Test
    void aServiceShipsNoTrainingCode() {
        noClasses().that().resideInAnyPackage(INFERENCE, ANALYSIS, CHAT)
                .should().dependOnClassesThat().resideInAnyPackage(BUILD)
                .because("a service ships no training code: models-runtime and the models-bundled resources only")
                .check(all);
        noClasses().that().resideInAnyPackage(ANALYSIS, CHAT)
                .should().dependOnClassesThat().resideInAPackage(RUNTIME)
                .because("only the inference service runs models")
                .check(all);
    }

    @Test
    void noModuleImportsTheBenchmarks() {
        noClasses().that().resideOutsideOfPackage(BENCH)
                .should().dependOnClassesThat().resideInAPackage(BENCH)
                .because("benchmark and load-generation code lives in the bench module, which nothing ships")
                .check(all);
    }

    @Test
    void noServiceDependsOnTheBenchModule() throws IOException {
        for (String service : new String[]{"inference-service", "analysis-service", "chat-service", "common", "reading",
                "models-runtime", "models-bundled"}) {
            String pom = Files.readString(ProjectPaths.root().resolve(service).resolve("pom.xml"));
            assertFalse(pom.contains("<artifactId>bench</artifactId>"), service + "/pom.xml depends on bench");
        }
    }

    @Test
    void theBenchmarksImportNoService() {
        noClasses().that().resideInAPackage(BENCH)
                .should().dependOnClassesThat().resideInAnyPackage(concat(BUILD, INFERENCE, ANALYSIS, CHAT))
                .because("the benchmarks drive a service over HTTP (a running suite or a jar they start) and run models "
                        + "through models-runtime; they use no service's classes")
                .check(all);
    }

    @Test
    void theBuildImportsNoService() {
        noClasses().that().resideInAnyPackage(BUILD)
                .should().dependOnClassesThat().resideInAnyPackage(INFERENCE, ANALYSIS, CHAT)
                .because("models-build uses models-runtime (and reading), never a service")
                .check(all);
    }

    @Test
    void analysisServicePackagesImportNoPackageAboveThem() {
        JavaClasses analysis = new ClassFileImporter().importPath(classesOf("analysis-service"));
        for (ArchRule rule : analysisLayerRules("dev.moodlens.analysis")) {
            rule.check(analysis);
        }
    }

    @Test
    void theAnalysisLayerRulesCatchAnUpwardImport() {
        // Fixture classes laid out like analysis-service: journal.Upward imports insight.Above.
        String root = ModuleRulesTest.class.getPackageName() + ".fixture";
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        assertTrue(fixture.size() >= 2, "fixture classes found");
        List<String> failures = new ArrayList<>();
        for (ArchRule rule : analysisLayerRules(root)) {
            try {
                rule.check(fixture);
            } catch (AssertionError e) {
                failures.add(e.getMessage());
            }
        }
        assertEquals(1, failures.size(), String.valueOf(failures));
        assertTrue(failures.get(0).contains("fixture.journal.Upward") && failures.get(0).contains("fixture.insight.Above"),
                failures.get(0));
    }

    /**
     * The layering of analysis-service's packages under {@code root}: every class is in a named package, and a
     * layer imports no layer above it.
     */
    static List<ArchRule> analysisLayerRules(String root) {
        List<ArchRule> rules = new ArrayList<>();
        List<String> named = new ArrayList<>();
        ANALYSIS_LAYERS.forEach(layer -> named.add(root + "." + layer + ".."));
        rules.add(classes().that().resideInAPackage(root + "..").should().resideInAnyPackage(named.toArray(String[]::new))
                .because("each of analysis-service's classes belongs to a package of its layering (docs/architecture.md)"));
        for (int i = 0; i < ANALYSIS_LAYERS.size(); i++) {
            List<String> above = new ArrayList<>();
            ANALYSIS_LAYERS.subList(i + 1, ANALYSIS_LAYERS.size()).forEach(layer -> above.add(root + "." + layer + ".."));
            rules.add(noClasses().that().resideInAPackage(root + "." + ANALYSIS_LAYERS.get(i) + "..")
                    .should().dependOnClassesThat().resideInAnyPackage(above.toArray(String[]::new))
                    .because("analysis-service's packages are layered " + String.join(" < ", ANALYSIS_LAYERS)
                            + ": a package imports only those below it; one above it observes its events instead")
                    .allowEmptyShould(true));
        }
        return rules;
    }

    /** The classes of {@code from} depend on none of {@code others}. */
    private static ArchRule rule(String from, String... others) {
        return noClasses().that().resideInAPackage(from)
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .because("no service imports another service's packages; they talk over REST with common's records");
    }

    private static String[] concat(String[] first, String... more) {
        List<String> out = new ArrayList<>(List.of(first));
        out.addAll(List.of(more));
        return out.toArray(String[]::new);
    }
}
