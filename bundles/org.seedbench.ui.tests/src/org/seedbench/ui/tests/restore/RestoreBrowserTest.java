package org.seedbench.ui.tests.restore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.spi.CloudConnector;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.PassphraseDialogBot;
import org.seedbench.ui.testsupport.ProgressViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.testsupport.UiDriver;
import org.seedbench.ui.tests.UiTestBase;
import org.seedbench.ui.tests.wizards.SeedFixture;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.StageService;
import org.seedbench.workflow.VaultService;

/**
 * Restore… on a job whose vault holds the seed opens the restore browser on the vault: it lists the snapshot, browses
 * to a file with its size, restores one file and one folder into a new folder byte for byte (and nothing else), finds
 * files by name, and leaves an existing file alone when the user does not choose to replace it.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class RestoreBrowserTest extends UiTestBase {
    @InjectService(timeout = 10_000)
    StageService stage;
    @InjectService(timeout = 10_000)
    DrivePreparationService preparation;
    @InjectService(timeout = 10_000)
    ImportJobService importJobs;
    @InjectService(timeout = 10_000)
    VaultService vault;
    @InjectService(filter = "(component.name=org.seedbench.cloud.local.LocalCloudConnector)", timeout = 10_000)
    CloudConnector cloud;

    /** The workbench's data directory again, for the other tests. */
    @AfterEach
    void workbenchDataDirectoryAgain() {
        ui.run(() -> ui.application().getContext().set(SeedbenchUi.DATA_DIRECTORY_KEY,
                SeedbenchUi.dataDirectory()));
    }

    @Test
    void theBrowserRestoresAFileAndAFolderFromTheVaultFindsByNameAndKeepsExistingFiles() throws Exception {
        // a data directory of its own, beside the workbench's: the simulated datacenter's clock moves for its jobs
        Path data = Files.createDirectories(SeedbenchUi.dataDirectory().resolveSibling("data-restore-"
                + Long.toString(System.currentTimeMillis(), 36)));
        SeedFixture seeds = new SeedFixture(tmp, data, catalogs);
        String job = seeds.name("restore");
        Path source = Files.createDirectories(tmp.resolve("source-" + job)); // the fixture's source folder
        write(source.resolve("docs/notes.txt"), "the seed of the file server\n".repeat(2000));
        write(source.resolve("projects/alpha/plan.txt"), "alpha's plan\n");
        byte[] random = new byte[300_000];
        new Random(17).nextBytes(random);
        Files.createDirectories(source.resolve("projects/alpha/data"));
        Files.write(source.resolve("projects/alpha/data/measure.bin"), random);
        write(source.resolve("projects/beta/plan-b.txt"), "beta's plan\n");
        seeds.seeded(job, seeds.serial("SB-R1"), stage, preparation, importJobs, vault, cloud);
        ui.run(() -> ui.application().getContext().set(SeedbenchUi.DATA_DIRECTORY_KEY, data));

        JobsViewBot jobs = new JobsViewBot(ui);
        jobs.waitForState(job, "Seeded");
        RestoreBrowserBot browser = open(jobs, job);
        assertEquals("the vault", browser.from(), "a seeded job's restore reads the vault first");
        List<List<String>> snapshots = browser.snapshots();
        assertEquals(1, snapshots.size(), snapshots.toString());
        assertEquals("files:" + source, snapshots.get(0).get(1));
        assertEquals("7", snapshots.get(0).get(2), "the files of the snapshot: " + snapshots);
        assertEquals(List.of("docs/", "projects/", "file-0.bin", "file-1.bin", "file-2.bin"), browser.top());
        List<String> measure = browser.browse("projects/alpha/data/measure.bin");
        assertEquals("measure.bin", measure.get(0));
        assertEquals("300 KB", measure.get(1), measure.toString());
        assertEquals("300 KB", browser.browse("projects/alpha/data").get(1), "a folder's size is what it holds");
        assertTrue(browser.originalPlace().contains(source.toString()), browser.originalPlace());

        Path out = tmp.resolve("restored");
        browser.target("relative/folder");
        assertTrue(browser.says("is a full path"), "a relative target is refused in the message area");
        assertFalse(browser.canRestore());
        browser.select("docs/notes.txt", "projects/alpha");
        assertTrue(browser.selection().startsWith("Restores 2 items"), browser.selection());
        browser.target(out.toString());
        assertTrue(browser.canRestore(), "a new folder is a target");
        ui.screenshot(browser.shell(), UiDriver.screenshotFolder().resolve("restore-browser.png"));
        browser.restore();
        ui.joinJobs(job);
        assertSame(source.resolve("docs/notes.txt"), out.resolve("docs/notes.txt"));
        assertSame(source.resolve("projects/alpha/plan.txt"), out.resolve("projects/alpha/plan.txt"));
        assertSame(source.resolve("projects/alpha/data/measure.bin"), out.resolve("projects/alpha/data/measure.bin"));
        assertFalse(Files.exists(out.resolve("projects/beta")), "only what was selected");
        assertFalse(Files.exists(out.resolve("file-0.bin")), "only what was selected");
        new ProgressViewBot(ui).waitForCell("Restore " + job, ProgressViewBot.STATE, "done");

        // found by name; an existing file is left alone unless the user chooses to replace it
        Files.writeString(out.resolve("projects/alpha/plan.txt"), "changed here since\n");
        browser = open(jobs, job);
        browser.top();
        browser.search("PLAN");
        assertEquals(List.of("projects/alpha/plan.txt", "projects/beta/plan-b.txt"), browser.top());
        browser.select("projects/alpha/plan.txt", "projects/beta/plan-b.txt");
        browser.target(out.toString());
        browser.overwrite(false);
        browser.restore();
        ui.joinJobs(job);
        assertEquals("changed here since\n", Files.readString(out.resolve("projects/alpha/plan.txt")),
                "not replaced");
        assertSame(source.resolve("projects/beta/plan-b.txt"), out.resolve("projects/beta/plan-b.txt"));

        // the staging repository holds the same snapshot; a wrong passphrase is said in the browser, nothing restores
        browser = open(jobs, job);
        browser.snapshots();
        browser.from("staging");
        assertEquals(snapshots.get(0).get(4), browser.snapshots().get(0).get(4), "the seed's snapshot, in staging");
        browser.cancel();
        jobs.run(job, SeedbenchUi.TOOLITEM_RESTORE);
        new PassphraseDialogBot(ui).enter("not the passphrase of this job");
        RestoreBrowserBot wrong = new RestoreBrowserBot(ui);
        ui.waitUntil("the browser says the passphrase is wrong", () -> wrong.says("wrong passphrase"));
        assertFalse(wrong.canRestore());
        assertFalse(wrong.says("not the passphrase of this job"), "the browser shows no secret");
        wrong.cancel();
    }

    private static RestoreBrowserBot open(JobsViewBot jobs, String job) {
        jobs.run(job, SeedbenchUi.TOOLITEM_RESTORE);
        new PassphraseDialogBot(ui).enter(SeedFixture.PASSPHRASE);
        return new RestoreBrowserBot(ui);
    }

    private static void write(Path file, String text) throws Exception {
        Files.createDirectories(file.getParent());
        Files.writeString(file, text);
    }

    private static void assertSame(Path expected, Path restored) throws Exception {
        assertTrue(Files.exists(restored), restored + " restored");
        assertArrayEquals(Files.readAllBytes(expected), Files.readAllBytes(restored), restored + " byte for byte");
    }
}
