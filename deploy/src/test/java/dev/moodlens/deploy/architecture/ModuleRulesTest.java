package dev.moodlens.deploy.architecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import dev.moodlens.deploy.ProjectPaths;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The import rules between the modules (docs/architecture.md), checked on the compiled main classes of every
 * Java module: no service imports another service, common and reading import no service and no model code,
 * the runtime knows no builder, and a service ships no training code. The rules are written on packages; the
 * first test pins each module to its packages, so that they are rules on modules.
 */
class ModuleRulesTest {

    static final String INFERENCE = "dev.moodlens.inference..";
    static final String ANALYSIS = "dev.moodlens.analysis..";
    static final String CHAT = "dev.moodlens.chat..";
    static final String COMMON = "dev.moodlens.common..";
    static final String READING = "dev.moodlens.reading..";
    static final String RUNTIME = "dev.moodlens.models.runtime..";
    /** models-build: how the models are made. */
    static final String[] BUILD = {"dev.moodlens.models.head..", "dev.moodlens.models.train..",
            "dev.moodlens.models.tune..", "dev.moodlens.models.assemble..", "dev.moodlens.models.eval..",
            "dev.moodlens.models.quantize.."};

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
    void theBuildImportsNoService() {
        noClasses().that().resideInAnyPackage(BUILD)
                .should().dependOnClassesThat().resideInAnyPackage(INFERENCE, ANALYSIS, CHAT)
                .because("models-build uses models-runtime (and reading), never a service")
                .check(all);
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
