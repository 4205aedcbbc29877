package cn.zhangzhou.partybuilding.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The house rules of {@code docs/conventions.md} that a machine can hold, checked on the compiled classes of every
 * module of the reactor. A module is found from the root pom's {@code <module>} list; a module under
 * {@code services/} that is not one of the shared ones is a domain service, so a new service is checked without
 * touching this class.
 */
class ArchitectureTest {

    private static final String BASE = "cn.zhangzhou.partybuilding";
    /** Modules under services/ that are shared, not a bounded context of their own. */
    private static final List<String> SHARED_UNDER_SERVICES = List.of("support", "metrics", "testing", "embedded", "architecture");
    /** Packages of modules that deploy and launch: nothing below may import them. */
    private static final String[] DEPLOY = {BASE + ".local..", BASE + ".benchmark..", BASE + ".baregateway..",
            BASE + ".platform..", BASE + ".faults..", BASE + ".ops.."};
    /** Test-only modules: no main code of a service or of the gateway may need them. */
    private static final String[] TEST_SUPPORT = {BASE + ".testing..", BASE + ".embedded.."};
    private static final String[] JDBC = {"java.sql..", "javax.sql..", "org.springframework.jdbc..", "org.postgresql.."};

    private static Path root;
    private static List<String> services;
    private static JavaClasses main;
    private static JavaClasses mainAndTests;

    @BeforeAll
    static void importEveryModule() throws IOException {
        root = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(root.resolve("shared-events"))) {
            root = root.getParent();
        }
        List<String> modules = modules(root.resolve("pom.xml"));
        services = modules.stream().filter(m -> m.startsWith("services/"))
                .map(m -> m.substring("services/".length()))
                .filter(m -> !SHARED_UNDER_SERVICES.contains(m))
                .toList();
        List<Path> mainDirs = new ArrayList<>();
        List<Path> testDirs = new ArrayList<>();
        for (String module : modules) {
            if (module.equals("services/architecture")) {
                continue;
            }
            Path classes = root.resolve(module).resolve("target/classes");
            assertThat(classes).as("compiled classes of " + module + " (build the reactor first: mvn -B verify)")
                    .isDirectory();
            mainDirs.add(classes);
            Path tests = root.resolve(module).resolve("target/test-classes");
            if (Files.isDirectory(tests)) {
                testDirs.add(tests);
            }
        }
        main = new ClassFileImporter().importPaths(mainDirs);
        List<Path> all = new ArrayList<>(mainDirs);
        all.addAll(testDirs);
        mainAndTests = new ClassFileImporter().importPaths(all);
    }

    private static List<String> modules(Path pom) throws IOException {
        Matcher m = Pattern.compile("<module>([^<]+)</module>").matcher(Files.readString(pom));
        List<String> modules = new ArrayList<>();
        while (m.find()) {
            modules.add(m.group(1).trim());
        }
        return modules;
    }

    private static String pkg(String service) {
        return BASE + "." + service;
    }

    private static String[] packagesOf(Stream<String> services) {
        return services.map(s -> pkg(s) + "..").toArray(String[]::new);
    }

    @Test
    void theDomainServicesAreFound() {
        assertThat(services).contains("identity", "membership", "wishes");
    }

    @Test
    void noServiceImportsAnother() {
        for (String service : services) {
            noClasses().that().resideInAPackage(pkg(service) + "..")
                    .should().dependOnClassesThat()
                    .resideInAnyPackage(packagesOf(services.stream().filter(s -> !s.equals(service))))
                    .because("a service knows another only from its events and its HTTP API")
                    .check(main);
        }
    }

    @Test
    void theGatewayImportsNoService() {
        noClasses().that().resideInAnyPackage(BASE + ".gateway..", BASE + ".baregateway..")
                .should().dependOnClassesThat().resideInAnyPackage(packagesOf(services.stream()))
                .because("the gateway routes by configuration; it knows no service's code")
                .check(main);
    }

    @Test
    void nothingBelowDeployImportsDeploy() {
        noClasses().that().resideOutsideOfPackages(DEPLOY)
                .should().dependOnClassesThat().resideInAnyPackage(DEPLOY)
                .because("layers point down: deploy/ launches and measures the services, never the other way")
                .check(mainAndTests);
    }

    @Test
    void mainCodeNeedsNoTestSupport() {
        noClasses().that().resideInAnyPackage(packagesOf(Stream.concat(services.stream(),
                        Stream.of("support", "gateway", "messaging", "events", "directory"))))
                .should().dependOnClassesThat().resideInAnyPackage(TEST_SUPPORT)
                .because("embedded-infra and service-testing are for tests and the local launcher only")
                .check(main);
    }

    @Test
    void onlyStoresTouchJdbc() {
        for (String service : services) {
            noClasses().that().resideInAPackage(pkg(service) + "..")
                    .and().haveSimpleNameNotEndingWith("Store")
                    .should().dependOnClassesThat().resideInAnyPackage(JDBC)
                    .because("a store owns every SQL statement on its tables (docs/conventions.md)")
                    .check(main);
        }
    }

    @Test
    void controllersDoNotCallStores() {
        ArchRule rule = noClasses().that().haveSimpleNameEndingWith("Controller")
                .should().dependOnClassesThat().haveSimpleNameEndingWith("Store")
                .because("controllers translate HTTP and call services; services decide and use stores");
        rule.check(main);
    }

    @Test
    void noCyclesBetweenTheFeaturePackagesOfAModule() {
        slices().matching(BASE + ".(*).(*)..").namingSlices("$1.$2")
                .should().beFreeOfCycles()
                .because("a service's feature packages depend one way (docs/conventions.md)")
                .check(main);
    }

    /**
     * A public type of a service is its package's surface, so something in another package (main or test code)
     * must use it; otherwise it is package-private. The application class stays public for the launcher.
     */
    @Test
    void publicTypesOfAServiceAreUsedOutsideTheirPackage() {
        List<String> unused = new ArrayList<>();
        for (String service : services) {
            for (JavaClass type : main) {
                if (type.getPackageName().startsWith(pkg(service)) && type.isTopLevelClass()
                        && type.getModifiers().contains(JavaModifier.PUBLIC)
                        && !type.isAnnotatedWith("org.springframework.boot.autoconfigure.SpringBootApplication")
                        && !usedFromAnotherPackage(type)) {
                    unused.add(type.getName());
                }
            }
        }
        assertThat(unused).as("public types no other package uses: make them package-private").isEmpty();
    }

    private static boolean usedFromAnotherPackage(JavaClass type) {
        JavaClass seen = mainAndTests.get(type.getName());
        return seen.getDirectDependenciesToSelf().stream()
                .anyMatch(d -> !d.getOriginClass().getPackageName().equals(type.getPackageName()));
    }
}
