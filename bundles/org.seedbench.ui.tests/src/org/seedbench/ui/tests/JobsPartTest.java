package org.seedbench.ui.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.ui.parts.JobsPart;

class JobsPartTest {
    private Display display;
    private Shell shell;

    @BeforeEach
    void open() {
        display = Display.getDefault();
        shell = new Shell(display);
        shell.setSize(800, 400);
    }

    @AfterEach
    void close() {
        shell.dispose();
    }

    private static void flush(Display d) {
        while (d.readAndDispatch()) {
            // let the table paint
        }
    }

    @Test
    void showsEachJobWithItsState() {
        JobsPart part = new JobsPart();
        part.create(shell);
        shell.open();
        Table table = part.viewer().getTable();
        assertEquals(List.of("Job", "State", "Account / container", "Location"),
                Arrays.stream(table.getColumns()).map(TableColumn::getText).toList());
        assertEquals(0, table.getItemCount(), "a new workbench shows no jobs");
        part.setJobs(List.of(new SeedingJob("seed-fs01", "/tmp/stage", "contosobackup", "seed",
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "westeurope", List.of(), null, null, Instant.now(),
                JobState.DRAFT)));
        flush(display);
        assertEquals(1, table.getItemCount());
        assertEquals("seed-fs01", table.getItem(0).getText(0));
        assertEquals("Draft", table.getItem(0).getText(1));
        assertEquals("contosobackup/seed", table.getItem(0).getText(2));
    }
}
