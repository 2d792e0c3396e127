package org.seedbench.ui.tests.wizards;

import java.nio.file.Path;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.seedbench.catalog.CatalogService;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.DrivePreparationService;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.StageService;

/**
 * What the tests of the wizards on real seeding jobs set up: the workflow services a {@link SeedFixture} drives, a
 * shell for the wizard on the display (opened and disposed around each test) and the fixture in the workbench's data
 * directory. Subclasses extend with {@code ServiceExtension} and {@link OnUiThread}.
 */
abstract class WizardShellBase {
    @InjectService(timeout = 10_000)
    CatalogService catalogs;
    @InjectService(timeout = 10_000)
    StageService stage;
    @InjectService(timeout = 10_000)
    DrivePreparationService preparation;
    @InjectService(timeout = 10_000)
    ImportJobService importJobs;

    @TempDir
    Path tmp;

    Display display;
    Shell shell;
    SeedFixture seeds;

    @BeforeEach
    void open() {
        display = Display.getDefault();
        shell = new Shell(display);
        seeds = new SeedFixture(tmp, SeedbenchUi.dataDirectory(), catalogs);
    }

    @AfterEach
    void close() {
        shell.dispose();
    }
}
