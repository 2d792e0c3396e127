package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.cloud.local.LocalSession;
import org.seedbench.core.model.CloudJobStatus;
import org.seedbench.core.model.JobEvent;
import org.seedbench.core.model.JobState;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.core.spi.CloudSession;
import org.seedbench.core.spi.ConnectorSettings;

/**
 * The job's whole life on the command line, on the real local cloud: cancel (before an import job, and of an import
 * job at the service), refused once the datacenter has the drives; delete (only Draft, Cancelled, Expired,
 * CleanedUp; staging removed through the provider, another job's never); edit (Draft/Staged, init's checks); reopen
 * an Expired import job as a new one for the same drives. Real catalog, files plugin, backup engine, portable
 * encryptor, folder drives and the local cloud's datacenter simulator.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class JobLifeCliTest {
    static final String PASSPHRASE = "correct horse battery staple";
    static final String SUBSCRIPTION = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @InjectService(timeout = 10_000, filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)")
    CloudConnector local;

    @TempDir
    Path tmp;

    Path data;
    Path passFile;

    @BeforeEach
    void dataDirectory() throws IOException {
        data = tmp.resolve("data");
        passFile = Files.writeString(tmp.resolve("pass.txt"), PASSPHRASE + "\n");
    }

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    private void ok(CliRun r) {
        assertEquals(0, r.exitCode(), r.out() + r.err());
    }

    /** A Draft job whose source is a few small files of its own, staged at {@code staging}. */
    private void draft(String job, Path staging) throws IOException {
        Path source = Files.createDirectories(tmp.resolve("source-" + job));
        for (int i = 0; i < 3; i++) {
            Files.writeString(source.resolve("doc-" + i + ".txt"), (job + " line " + i + "\n").repeat(4000));
        }
        ok(run("init", "--name", job, "--staging", staging.toString(), "--storage-account", "contosobackup",
                "--container", "seed", "--subscription", SUBSCRIPTION, "--location", "westeurope", "--workload",
                "files:" + source));
    }

    private void staged(String job, Path staging) throws IOException {
        draft(job, staging);
        ok(run("stage", job, "--passphrase-file", passFile.toString()));
    }

    /** A staged job whose drive is prepared: its import job is Creating at the local cloud. */
    private void creating(String job, String serial) throws IOException {
        staged(job, tmp.resolve("staging"));
        ok(run("prepare-drives", job, "--yes-format", "--drive", "dir:" + tmp.resolve("drives/" + serial)
                + ",capacity=50M,serial=" + serial));
    }

    private CliRun ship(String job, String tracking) {
        List<String> args = new ArrayList<>(List.of("ship", job, "--carrier", "FedEx", "--tracking", tracking));
        args.addAll(CliRun.RETURN_OPTIONS);
        return run(args.toArray(String[]::new));
    }

    private static void assertRefused(CliRun r, String verb, String expected) {
        assertEquals(3, r.exitCode(), r.out() + r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.err().startsWith("seedbench " + verb + ": " + expected), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
    }

    private LocalSession cloud() throws IOException {
        return (LocalSession) local.signIn(ConnectorSettings.of(data));
    }

    private CloudJobStatus importJob(String name) throws IOException {
        CloudSession session = cloud();
        return session.getImportJob(SUBSCRIPTION, name).orElseThrow();
    }

    private JobState state(String job) {
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.job(job).orElseThrow().state();
        }
    }

    private List<JobEvent> events(String job) {
        try (Catalog catalog = catalogs.open(data)) {
            return catalog.events(job);
        }
    }

    /** Every file under the folder with its bytes' hash, to show that nothing in it changed. */
    private static Map<String, Integer> contents(Path folder) throws IOException {
        Map<String, Integer> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                files.put(folder.relativize(p).toString(), java.util.Arrays.hashCode(Files.readAllBytes(p)));
            }
        }
        return files;
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void cancelAtTheServiceKeepsTheSeedAndIsRefusedOnceTheDatacenterHasTheDrives() throws IOException {
        creating("seed-a", "SB-0001");
        Map<String, Integer> staging = contents(tmp.resolve("staging/seed-a"));
        Map<String, Integer> drive = contents(tmp.resolve("drives/SB-0001"));

        CliRun cancel = run("cancel", "seed-a");

        ok(cancel);
        assertEquals("Cancelled seed-a and its import job at the service; its staging repository and drives are "
                + "kept.", cancel.out().strip());
        assertEquals(JobState.CANCELLED, state("seed-a"));
        assertEquals(JobState.CANCELLED, importJob("seed-a").serviceState());
        assertEquals(staging, contents(tmp.resolve("staging/seed-a")), "the staging repository is untouched");
        assertEquals(drive, contents(tmp.resolve("drives/SB-0001")), "the drive is untouched");
        assertTrue(events("seed-a").stream().anyMatch(e -> e.detail() != null
                && e.detail().startsWith("Creating → Cancelled: import job seed-a cancelled at the local service")),
                events("seed-a").toString());
        ok(run("cancel", "seed-a")); // again: it is Cancelled already

        // a second job, shipped: once the datacenter has received the drives, it cannot be cancelled
        creating("seed-b", "SB-0002");
        ok(ship("seed-b", "1Z-0002"));
        cloud().advanceClock(Duration.ofDays(1).plusHours(1));
        int before = events("seed-b").size();
        CliRun late = run("cancel", "seed-b");
        assertRefused(late, "cancel", "job 'seed-b': is Received at the import service: it cannot be cancelled");
        assertEquals(JobState.RECEIVED, state("seed-b"));
        assertTrue(events("seed-b").size() > before, "the refresh that found it Received is recorded");
        assertEquals(JobState.RECEIVED, importJob("seed-b").serviceState());
    }

    @Test
    void aDraftJobIsCancelledHereAndThenDeletedWithItsStagingAndEventsKeptAside() throws IOException {
        staged("seed-c", tmp.resolve("staging"));
        ok(run("cancel", "seed-c"));
        assertEquals(JobState.CANCELLED, state("seed-c"));
        assertTrue(Files.isDirectory(tmp.resolve("staging/seed-c")), "cancel keeps the seed");

        CliRun delete = run("delete", "seed-c");

        ok(delete);
        assertTrue(delete.out().startsWith("Deleted seed-c (Cancelled): its staging repository "
                + tmp.resolve("staging/seed-c") + " is removed; its events are kept in "), delete.out());
        assertFalse(Files.exists(tmp.resolve("staging/seed-c")));
        assertTrue(Files.isDirectory(tmp.resolve("staging")), "the staging location itself stays");
        try (Catalog catalog = catalogs.open(data)) {
            assertTrue(catalog.job("seed-c").isEmpty());
        }
        Path archive;
        try (Stream<Path> kept = Files.list(data.resolve("deleted-jobs"))) {
            archive = kept.filter(p -> p.getFileName().toString().startsWith("seed-c-")).findFirst().orElseThrow();
        }
        List<String> lines = Files.readAllLines(archive);
        assertTrue(lines.get(1).contains("\tjob.created\t"), lines.toString());
        assertTrue(lines.get(lines.size() - 1).contains("\tjob.deleted\tjob seed-c (Cancelled) deleted from the "
                + "catalog; its staging repository"), lines.toString());
        assertEquals(3, run("status", "seed-c").exitCode(), "the job is gone");
    }

    @Test
    void deleteIsRefusedWhileTheJobIsUnderWayAndNeverTouchesAnotherJobsData() throws IOException {
        staged("seed-d", tmp.resolve("staging"));
        try (Catalog catalog = catalogs.open(data)) {
            catalog.moveJob("seed-d", JobState.STAGING, "a stage that was killed");
        }
        assertRefused(run("delete", "seed-d"), "delete", "job 'seed-d': is Staging: a job is deleted only when it is "
                + "Draft, Cancelled, Expired or CleanedUp");
        assertTrue(Files.isDirectory(tmp.resolve("staging/seed-d")));

        // another job stages inside this job's staging folder: deleting this one's data would take it
        staged("seed-e", tmp.resolve("staging"));
        staged("seed-f", tmp.resolve("staging/seed-e"));
        Map<String, Integer> other = contents(tmp.resolve("staging/seed-e/seed-f"));
        ok(run("cancel", "seed-e"));
        assertRefused(run("delete", "seed-e"), "delete", "job 'seed-e': has its staging repository");
        assertEquals(JobState.CANCELLED, state("seed-e"), "a refused delete changes nothing");

        ok(run("delete", "seed-e", "--keep-data"));
        assertEquals(other, contents(tmp.resolve("staging/seed-e/seed-f")), "the other job's seed is untouched");
        assertEquals(JobState.STAGED, state("seed-f"));
        assertTrue(Files.isDirectory(tmp.resolve("staging/seed-e")), "--keep-data keeps the staging folder");
        assertTrue(Files.isDirectory(tmp.resolve("staging/seed-d")), "the refused job's seed is still there");
    }

    @Test
    void editChangesADraftOrStagedJobWithInitsChecksAndIsRefusedOnceDrivesArePrepared() throws IOException {
        draft("seed-g", tmp.resolve("staging"));
        assertRefused(run("edit", "seed-g", "--storage-account", "Not_Valid"), "edit", "storage account 'Not_Valid'");
        CliRun edited = run("edit", "seed-g", "--storage-account", "fabrikamseed", "--location", "northeurope");
        ok(edited);
        assertTrue(edited.out().startsWith("Edited seed-g (Draft): fabrikamseed/seed in northeurope"), edited.out());
        assertTrue(events("seed-g").stream().anyMatch(e -> e.kind().equals("job.edited")
                && e.detail().contains("storage account contosobackup → fabrikamseed")), events("seed-g").toString());

        ok(run("stage", "seed-g", "--passphrase-file", passFile.toString()));
        Path more = Files.createDirectories(tmp.resolve("source-more"));
        Files.writeString(more.resolve("new.txt"), "more");
        ok(run("edit", "seed-g", "--workload", "files:" + more));
        assertEquals(JobState.DRAFT, state("seed-g"), "new workloads: the seed is staged again");
        assertRefused(run("edit", "seed-g", "--workload", "nosuchsource:/x"), "edit", "");

        creating("seed-h", "SB-0003");
        try (Catalog catalog = catalogs.open(data)) {
            assertEquals(JobState.CREATING, catalog.job("seed-h").orElseThrow().state());
        }
        assertRefused(run("edit", "seed-h", "--container", "other"), "edit", "job 'seed-h': is Creating: a job is "
                + "edited only while it is Draft or Staged");
    }

    @Test
    void editIsRefusedWhilePreparingDrives() throws IOException {
        staged("seed-i", tmp.resolve("staging"));
        try (Catalog catalog = catalogs.open(data)) {
            catalog.moveJob("seed-i", JobState.PREPARING_DRIVES, "a prepare-drives that stopped");
        }
        assertRefused(run("edit", "seed-i", "--container", "other"), "edit", "job 'seed-i': is PreparingDrives");
        assertEquals(JobState.PREPARING_DRIVES, state("seed-i"));
    }

    @Test
    @Timeout(value = 5, unit = TimeUnit.MINUTES)
    void anExpiredImportJobIsReopenedAsANewImportJobForTheSameDrivesThatThenShips() throws IOException {
        creating("seed-j", "SB-0004");
        assertRefused(run("reopen", "seed-j"), "reopen", "job 'seed-j': is Creating: only an Expired import job");
        cloud().advanceClock(Duration.ofDays(15));
        assertEquals(4, run("status", "seed-j").exitCode());
        assertEquals(JobState.EXPIRED, state("seed-j"));

        CliRun reopen = run("reopen", "seed-j");

        ok(reopen);
        assertTrue(reopen.out().startsWith("Reopened seed-j: import job seed-j-r1 created for the same drives"),
                reopen.out());
        assertEquals(JobState.CREATING, state("seed-j"));
        CloudJobStatus fresh = importJob("seed-j-r1");
        assertEquals(JobState.CREATING, fresh.serviceState());
        assertEquals(List.of("SB-0004"), fresh.drives().stream().map(CloudJobStatus.DriveStatus::serial).toList());
        assertEquals(JobState.EXPIRED, importJob("seed-j").serviceState(), "the expired import job stays as it was");
        assertTrue(events("seed-j").stream().anyMatch(e -> e.kind().equals("importJob.reopen")));

        ok(ship("seed-j", "1Z-0004"));
        assertEquals(JobState.SHIPPING, importJob("seed-j-r1").serviceState());
        assertEquals(JobState.SHIPPING, state("seed-j"));
    }
}
