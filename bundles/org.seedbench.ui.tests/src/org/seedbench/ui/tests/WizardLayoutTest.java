package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.dialogs.IDialogConstants;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Text;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.ui.testsupport.JobsViewBot;
import org.seedbench.ui.testsupport.ScreenshotOnFailure;
import org.seedbench.ui.tests.wizards.Ui;
import org.seedbench.ui.wizards.WizardIds;

/**
 * The New Seeding Job wizard keeps its fields where they are when a validation message appears under one (a click
 * aimed at a field lands on it), and offers Files as the workload source a new job starts with.
 */
@ExtendWith({ ServiceExtension.class, ScreenshotOnFailure.class })
class WizardLayoutTest extends UiTestBase {
    private static final String TITLE = "Initiate Offline Backup";

    @Test
    void fieldsKeepTheirPlaceWhenAMessageAppearsAndFilesIsTheDefaultSource() {
        ui.click(new JobsViewBot(ui).action(WizardIds.TOOLITEM_NEW_JOB));
        List<String> ids = List.of(WizardIds.INIT_NAME, WizardIds.INIT_STAGING, WizardIds.INIT_STORAGE_ACCOUNT,
                WizardIds.INIT_CONTAINER, WizardIds.INIT_SUBSCRIPTION);
        Map<String, Rectangle> before = bounds(ids);
        // a storage account with capitals: the core rules' message shows under the field
        ui.type(ui.widget(Text.class, WizardIds.INIT_STORAGE_ACCOUNT), "Contoso_Backup");
        Label message = ui.widget(Label.class, WizardIds.INIT_STORAGE_ACCOUNT + WizardIds.MESSAGE);
        ui.waitUntil("the storage account's message shows", () -> !message.getText().isEmpty());
        assertEquals(before, bounds(ids), "where the fields are on the screen");
        ui.type(ui.widget(Text.class, WizardIds.INIT_STORAGE_ACCOUNT), "contosobackup");
        ui.waitUntil("the message goes", () -> message.getText().isEmpty());
        assertEquals(before, bounds(ids), "where the fields are once the message went");

        ui.type(ui.widget(Text.class, WizardIds.INIT_NAME), "layout-check");
        ui.type(ui.widget(Text.class, WizardIds.INIT_STAGING), tmp.resolve("staging").toString());
        ui.type(ui.widget(Text.class, WizardIds.INIT_CONTAINER), "seed");
        ui.type(ui.widget(Text.class, WizardIds.INIT_SUBSCRIPTION), "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        Combo location = ui.widget(Combo.class, WizardIds.INIT_LOCATION);
        ui.run(() -> Ui.type(location, "westeurope"));
        ui.click(button(TITLE, IDialogConstants.NEXT_LABEL));
        Combo source = ui.widget(Combo.class, WizardIds.INIT_WORKLOAD_SOURCE);
        ui.waitUntil("the sources are offered", () -> source.getItemCount() > 0 && source.isVisible());
        String chosen = ui.syncExec(source::getText);
        assertTrue(chosen.endsWith("(files)"), "the source a new job starts with: " + chosen);
        ui.click(button(TITLE, IDialogConstants.CANCEL_LABEL));
        ui.waitUntil("the wizard closed", () -> Ui.shell(ui.display(), TITLE) == null);
    }

    private static Map<String, Rectangle> bounds(List<String> ids) {
        Map<String, Control> controls = new LinkedHashMap<>();
        for (String id : ids) {
            controls.put(id, ui.widget(Control.class, id));
        }
        return ui.syncExec(() -> {
            Map<String, Rectangle> out = new LinkedHashMap<>();
            controls.forEach((id, c) -> out.put(id, ui.display().map(c.getParent(), null, c.getBounds())));
            return out;
        });
    }
}
