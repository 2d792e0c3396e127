package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.eclipse.e4.ui.model.application.descriptor.basic.MPartDescriptor;
import org.eclipse.e4.ui.model.application.ui.basic.MPart;
import org.eclipse.e4.ui.workbench.modeling.EModelService;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Shell;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.core.model.JobState;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.tests.wizards.Ui;
import org.seedbench.workflow.CloudConnectors;
import org.seedbench.workflow.Workspaces;

/**
 * The README's gallery, taken when {@code -Dseedbench.screenshots=DIR} (or {@code SEEDBENCH_SCREENSHOTS}) is set:
 * the workbench at 1600×1000 over jobs in every state, each of its views (every part the model has or describes,
 * {@code org.seedbench.ui.part.*}: a view added later, such as a timeline, charts or a restore browser, is taken by
 * being there), and the About and Preferences dialogs, as PNGs in {@code DIR/gallery/}
 * ({@code releng/screenshots.sh} runs it under Xvfb and copies them to {@code docs/screenshots/}).
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class ScreenshotsTest extends UiTestBase {
    private static final String PART_PREFIX = "org.seedbench.ui.part.";

    @InjectService(timeout = 10_000)
    Workspaces workspaces;
    @InjectService(timeout = 10_000)
    CloudConnectors connectors;

    @Test
    void takesTheGallery() throws Exception {
        String dir = System.getProperty("seedbench.screenshots", System.getenv("SEEDBENCH_SCREENSHOTS"));
        if (dir == null || dir.isBlank()) {
            System.out.println("ScreenshotsTest: no -Dseedbench.screenshots=DIR, no gallery taken");
            return;
        }
        Path gallery = Path.of(dir, "gallery");
        JobsInEveryState data = new JobsInEveryState(catalogs, tmp, connectors.signedIn(workspaces.open(
                Fixtures.data()), "local").clock().instant());
        ui.run(() -> {
            Shell main = (Shell) ui.application().getChildren().get(0).getWidget();
            main.setLocation(0, 0);
            main.setSize(1600, 1000);
        });
        JobsViewBot jobs = new JobsViewBot(ui);
        data.jobs.forEach((state, name) -> jobs.waitForState(name, state.label()));
        // the job whose trip shows most: at the datacenter, with errors on its drive
        String shown = data.jobs.get(JobState.COMPLETED_WITH_ERRORS);
        jobs.select(shown);
        List<String> taken = new ArrayList<>();
        for (String part : parts()) {
            ui.showPart(part);
            Control control = ui.syncExec(() -> {
                var p = ui.application().getContext().get(EModelService.class).find(part, ui.application());
                return p == null || !(p.getWidget() instanceof Control c) ? null : c;
            });
            if (control == null) {
                continue;
            }
            jobs.select(shown);
            ui.showPart(part);
            settled(part);
            String file = part.substring(PART_PREFIX.length()) + ".png";
            ui.screenshot(control, gallery.resolve(file));
            taken.add(file);
        }
        ui.showPart(SeedbenchUi.PART_DRIVES);
        jobs.select(shown);
        settled(SeedbenchUi.PART_DRIVES);
        ui.screenshot((Shell) ui.syncExec(() -> ui.application().getChildren().get(0).getWidget()),
                gallery.resolve("window.png"));
        taken.add("window.png");
        taken.add(dialog("org.seedbench.ui.command.about", "About Seedbench",
                org.eclipse.jface.dialogs.IDialogConstants.CLOSE_LABEL, gallery.resolve("about.png")));
        taken.add(dialog("org.seedbench.ui.command.preferences", "Preferences", org.eclipse.jface.dialogs.IDialogConstants.CANCEL_LABEL, gallery.resolve("preferences.png")));
        for (String file : taken) {
            assertTrue(Files.size(gallery.resolve(file)) > 0, file);
        }
        System.out.println("ScreenshotsTest: " + taken + " in " + gallery);
    }

    /**
     * Waits until the part shows the selected job: the views read the catalog in the background (the Shipping view
     * until its carrier is there, the Drives view until its drive is), then until no job of the workbench runs.
     */
    private static void settled(String part) {
        if (part.equals(SeedbenchUi.PART_SHIPPING)) {
            org.eclipse.swt.widgets.Text carrier = ui.widget(org.eclipse.swt.widgets.Text.class,
                    SeedbenchUi.ID_SHIPPING + ".carrier");
            ui.waitUntil("the Shipping view shows the package", () -> carrier.getText().equals("FedEx"));
        } else if (part.equals(SeedbenchUi.PART_DRIVES)) {
            org.eclipse.swt.widgets.Table drives = ui.widget(org.eclipse.swt.widgets.Table.class,
                    SeedbenchUi.ID_DRIVES_TABLE);
            ui.waitUntil("the Drives view shows the drive", () -> drives.getItemCount() == 1);
        }
        ui.waitUntil("the workbench's reads are done", () -> org.eclipse.core.runtime.jobs.Job.getJobManager()
                .isIdle());
    }

    /** Every part the model has or describes under {@code org.seedbench.ui.part.}, the Jobs view first. */
    private static Set<String> parts() {
        return ui.syncExec(() -> {
            Set<String> ids = new LinkedHashSet<>();
            EModelService models = ui.application().getContext().get(EModelService.class);
            models.findElements(ui.application(), null, MPart.class, null).stream().map(MPart::getElementId)
                    .filter(id -> id.startsWith(PART_PREFIX)).forEach(ids::add);
            ui.application().getDescriptors().stream().map(MPartDescriptor::getElementId)
                    .filter(id -> id.startsWith(PART_PREFIX)).forEach(ids::add);
            return ids;
        });
    }

    /** Opens a dialog by its command, takes its picture, closes it. */
    private static String dialog(String command, String title, String close, Path file) throws Exception {
        ui.display().asyncExec(() -> {
            var window = ui.application().getChildren().get(0).getContext();
            var commands = window.get(org.eclipse.e4.core.commands.ECommandService.class);
            var handlers = window.get(org.eclipse.e4.core.commands.EHandlerService.class);
            handlers.executeHandler(commands.createCommand(command, null));
        });
        ui.waitUntil(title + " opens", () -> Ui.shell(ui.display(), title) != null);
        ui.screenshot(ui.syncExec(() -> Ui.shell(ui.display(), title)), file);
        ui.click(button(title, close));
        ui.waitUntil(title + " closes", () -> Ui.shell(ui.display(), title) == null);
        return file.getFileName().toString();
    }
}
