package org.seedbench.batch.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.catalog.CatalogConflictException;
import org.seedbench.catalog.CatalogException;

/** A change another admin's came before: its own exit code (5) and the catalog's one line, told from a failure (1). */
class ConflictExitCodeTest {

    @Test
    void aConflictExitsWithFiveAndItsOneLineAndOtherCatalogFailuresWithOne() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String line = "job seed-fs01 changed to Cancelled by bob@copy2 (workbench) at 2026-12-08T10:31:02Z: refresh and "
                + "try again";

        ExitCode conflict = CommandLine.report("cancel", null, new CatalogConflictException(line), false,
                new PrintStream(err, true, StandardCharsets.UTF_8));
        ExitCode failure = CommandLine.report("cancel", null, new CatalogException("catalog in /x is busy"), false,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertEquals(ExitCode.CONFLICT, conflict);
        assertEquals(5, conflict.code());
        assertEquals("seedbench cancel: " + line + System.lineSeparator(), err.toString(StandardCharsets.UTF_8));
        assertEquals(ExitCode.FAILURE, failure);
    }
}
