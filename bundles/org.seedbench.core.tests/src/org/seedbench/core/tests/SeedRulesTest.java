package org.seedbench.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.SeedRules;

class SeedRulesTest {

    private static SeedingJob job(String name, String staging, String account, String container, String sub,
            String location) {
        return new SeedingJob(name, staging, account, container, sub, location,
                List.of(new WorkloadSpec("files", "/srv")), null, null, Instant.now(), null);
    }

    private static SeedingJob valid() {
        return job("seed-fs01", "/tmp/stage", "contosobackup", "seed", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                "westeurope");
    }

    @Test
    void theIssueExampleIsValid() {
        assertEquals(List.of(), SeedRules.checkJob(valid()));
    }

    @ParameterizedTest
    @CsvSource({
            "Contoso_Backup, has characters other than lowercase letters and digits",
            "ab, is 2 characters long",
            "abcdefghijklmnopqrstuvwxy, is 25 characters long" })
    void storageAccountRuleNamesTheFieldAndTheProblem(String account, String problem) {
        List<Problem> p = SeedRules.checkStorageAccount(account);
        assertEquals(1, p.size());
        assertEquals("storage account", p.get(0).field());
        assertEquals(problem, p.get(0).problem());
        assertTrue(p.get(0).message().startsWith("storage account '" + account + "': " + problem));
        assertTrue(p.get(0).message().contains("3–24 lowercase letters and digits"));
    }

    @ParameterizedTest
    @CsvSource({
            "-seed, starts with a hyphen",
            "seed-, ends with a hyphen",
            "se--ed, has two hyphens in a row",
            "Seed, 'has characters other than lowercase letters, digits and hyphens'",
            "se, is 2 characters long" })
    void containerRule(String container, String problem) {
        List<Problem> p = SeedRules.checkContainer(container);
        assertEquals(1, p.size(), () -> p.toString());
        assertEquals(problem, p.get(0).problem());
        assertEquals("container", p.get(0).field());
    }

    @ParameterizedTest
    @ValueSource(strings = { "abc", "se-ed-01", "0seed", "a23456789012345678901234567890123456789012345678901234567890123" })
    void goodContainers(String container) {
        assertEquals(List.of(), SeedRules.checkContainer(container));
    }

    @ParameterizedTest
    @ValueSource(strings = { "not-a-guid", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f", "0f1e2d3c4b5a69788796a5b4c3d2e1f0" })
    void subscriptionMustBeAGuid(String sub) {
        List<Problem> p = SeedRules.checkSubscriptionId(sub);
        assertEquals("subscription id", p.get(0).field());
        assertEquals("is not a GUID", p.get(0).problem());
    }

    @ParameterizedTest
    @CsvSource({
            "1x, is 2 characters long",
            "1xy, does not start with a letter",
            "seed_fs01, 'has characters other than letters, digits and hyphens'",
            "abcdefghijklmnopqrstuvwxy, is 25 characters long" })
    void importJobNameRule(String name, String problem) {
        List<Problem> p = SeedRules.checkImportJobName(name);
        assertEquals(1, p.size());
        assertEquals("import job name", p.get(0).field());
        assertEquals(problem, p.get(0).problem());
    }

    @Test
    void everyInputIsRequired() {
        List<Problem> p = SeedRules.checkJob(job(null, null, null, null, null, null));
        assertEquals(List.of("staging location", "storage account", "container", "subscription id",
                "import job name", "location"), p.stream().map(Problem::field).toList());
        assertTrue(p.stream().allMatch(x -> x.problem().equals("is missing")));
    }

    @Test
    void passphraseMustHaveSixteenCharactersAndIsNeverEchoed() {
        List<Problem> p = SeedRules.checkPassphrase("short-secret".toCharArray());
        assertEquals(1, p.size());
        assertFalse(p.get(0).message().contains("short-secret"), p.get(0).message());
        assertTrue(p.get(0).message().contains("at least 16 characters"));
        assertEquals(List.of(), SeedRules.checkPassphrase("correct horse battery".toCharArray()));
    }

    @Test
    void systemStateIsRefusedForOfflineSeeding() {
        List<Problem> p = SeedRules.checkWorkloadKind("systemstate:C:", WorkloadKind.SYSTEM_STATE);
        assertTrue(p.get(0).message().contains("system state backups can't be seeded offline"));
        assertEquals(List.of(), SeedRules.checkWorkloadKind("files:/srv", WorkloadKind.FILES));
    }

    @Test
    void workloadSpecKeepsWindowsDriveLetters() {
        WorkloadSpec spec = WorkloadSpec.parse("files:C:\\data");
        assertEquals("files", spec.sourceId());
        assertEquals("C:\\data", spec.target());
    }
}
