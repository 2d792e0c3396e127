package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;

/**
 * Cancel and Delete from the Jobs view's toolbar, each after its confirmation dialog: a Draft job is cancelled (its
 * staging folder kept), then deleted with its staging kept; Delete is offered only once the job is Cancelled and
 * Reopen only for an Expired job.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class JobLifeActionsTest extends UiTestBase {

    @Test
    void aDraftJobIsCancelledThenDeletedAfterAskingEachTime() throws Exception {
        JobsViewBot jobs = new JobsViewBot(ui);
        String name = Fixtures.uniqueName("life");
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        Fixtures.createJob(catalogs, name, staging, Fixtures.dataset(tmp.resolve("src"), 1, 1000, 1));
        jobs.waitForState(name, "Draft");
        jobs.select(name);
        ui.waitUntil("Cancel is enabled for a Draft job", () -> jobs.isEnabled(SeedbenchUi.TOOLITEM_CANCEL_JOB));
        assertFalse(jobs.isEnabled(SeedbenchUi.TOOLITEM_REOPEN_JOB), "only an Expired job is reopened");

        jobs.run(name, SeedbenchUi.TOOLITEM_CANCEL_JOB);
        ui.click(button("Cancel " + name, "OK"));
        jobs.waitForState(name, "Cancelled");
        ui.waitUntil("Delete is enabled for a Cancelled job", () -> jobs.isEnabled(SeedbenchUi.TOOLITEM_DELETE_JOB));

        jobs.run(name, SeedbenchUi.TOOLITEM_DELETE_JOB);
        ui.click(button("Delete " + name, "Delete, keep staging"));
        ui.waitUntil("the deleted job leaves the Jobs view", () -> jobs.cell(name, JobsViewBot.STATE).isEmpty());
        try (Catalog catalog = catalogs.open(Fixtures.data())) {
            assertTrue(catalog.job(name).isEmpty());
        }
        assertTrue(Files.isDirectory(staging), "the staging location is kept");
    }
}
