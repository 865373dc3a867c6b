package br.com.kycert.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The boundaries between the server's feature packages ({@code br.com.kycert.<feature>}), checked
 * over the compiled main classes: no cycle between features, {@code shared} below every feature,
 * and the CLI and dashboard (front ends) used by nobody. A new cycle fails the build with the
 * classes that close it; {@link #theCycleRuleFailsOnACycle()} shows the rule turning red. No record
 * of main code has more than {@value #MAX_RECORD_COMPONENTS} positional components.
 */
class ArchitectureTest {

    static final String ROOT = "br.com.kycert";

    /** The generated API interfaces and models: below every feature, like {@code shared}. */
    static final String GENERATED = ROOT + ".api..";

    static JavaClasses server;

    @BeforeAll
    static void importServer() {
        server = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_JARS)
                .importPackages(ROOT);
        assertThat(server.contain(ROOT + ".runs.RunService"))
                .as("the main classes were imported")
                .isTrue();
    }

    /** No cycle between the packages directly under {@code root}, whatever classes they hold. */
    static ArchRule noCycleBetweenFeatures(String root) {
        return slices().matching(root + ".(*)..")
                .namingSlices("feature $1")
                .should()
                .beFreeOfCycles()
                .because("a feature package may use another only if that one does not use it back"
                        + " (README, \"Server packages\")");
    }

    @Test
    void noCycleBetweenFeaturePackages() {
        noCycleBetweenFeatures(ROOT).check(server);
    }

    @Test
    void sharedDependsOnNoFeature() {
        noClasses()
                .that()
                .resideInAPackage(ROOT + ".shared..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(features())
                .because("shared/ holds what every feature uses and knows none of them")
                .check(server);
    }

    @Test
    void frontEndsAreUsedByNoFeature() {
        noClasses()
                .that()
                .resideOutsideOfPackages(ROOT + ".cli..", ROOT + ".dashboard..")
                .and()
                .doNotHaveFullyQualifiedName(ROOT + ".Application")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(ROOT + ".cli..", ROOT + ".dashboard..")
                .because("the CLI and the dashboard word the services' answers; the services never call them")
                .check(server);
    }

    @Test
    void theGeneratedApiKnowsNoFeature() {
        noClasses()
                .that()
                .resideInAPackage(GENERATED)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(features())
                .check(server);
    }

    @Test
    void everyPackageSaysWhatItIs() {
        List<String> undocumented = server.stream()
                .map(c -> c.getPackage())
                .distinct()
                .filter(p -> !p.getName().startsWith(ROOT + ".api"))
                .filter(p -> p.tryGetPackageInfo().isEmpty())
                .map(p -> p.getName())
                .sorted()
                .toList();

        assertThat(undocumented).as("packages without a package-info.java").isEmpty();
    }

    /** The test of the test: two packages that use each other (test fixtures) break the rule. */
    @Test
    void theCycleRuleFailsOnACycle() {
        String fixtures = ArchitectureTest.class.getPackageName() + ".cyclic";
        JavaClasses cyclic = new ClassFileImporter().importPackages(fixtures);
        assertThat(cyclic.contain(fixtures + ".left.Left")).isTrue();

        assertThatThrownBy(() -> noCycleBetweenFeatures(fixtures).check(cyclic))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected: feature left")
                .hasMessageMatching("(?s).*feature left ->\\s+feature right ->\\s+feature left.*");
    }

    /** The most components a record of main code may have; past that, group them into named value types. */
    static final int MAX_RECORD_COMPONENTS = 8;

    /** The records among {@code classes} with more than {@link #MAX_RECORD_COMPONENTS} components, with their count. */
    static List<String> longRecords(JavaClasses classes) {
        return classes.stream()
                .filter(c -> !c.getPackageName().startsWith(ROOT + ".api"))
                .map(c -> c.reflect())
                .filter(Class::isRecord)
                .filter(c -> c.getRecordComponents().length > MAX_RECORD_COMPONENTS)
                .map(c -> c.getName() + " (" + c.getRecordComponents().length + ")")
                .sorted()
                .toList();
    }

    @Test
    void noRecordHasMoreThanEightComponents() {
        assertThat(longRecords(server))
                .as(
                        "records with more than %d positional components (split them into named value types)",
                        MAX_RECORD_COMPONENTS)
                .isEmpty();
    }

    /** A record one component too long, for the test of the test. */
    record Nine(int a, int b, int c, int d, int e, int f, int g, int h, int i) {}

    /** A record exactly at the limit. */
    record Eight(int a, int b, int c, int d, int e, int f, int g, int h) {}

    @Test
    void theRecordRuleFailsOnANineComponentRecord() {
        JavaClasses fixtures = new ClassFileImporter().importClasses(Nine.class, Eight.class);

        assertThat(longRecords(fixtures)).containsExactly(Nine.class.getName() + " (9)");
    }

    private static String[] features() {
        return server.stream()
                .map(c -> c.getPackageName())
                .filter(p -> p.startsWith(ROOT + "."))
                .map(p -> p.substring(ROOT.length() + 1).split("\\.")[0])
                .filter(f -> !f.equals("shared") && !f.equals("api"))
                .distinct()
                .map(f -> ROOT + "." + f + "..")
                .toArray(String[]::new);
    }
}
