package org.seedbench.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.EventChainCheck;
import org.seedbench.testsupport.PostgresServer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The catalog's stored event chain and a whole JSON export of the job agree, on the embedded catalog and on the real
 * PostgreSQL server: each exported line's {@code prev} is the stored hash of the event before it, and the end line's
 * is the chain's head, also for details with non-ASCII text, quotes, tabs and line breaks.
 */
@ExtendWith(ServiceExtension.class)
class StoredEventChainTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectService(timeout = 10_000)
    JobService jobs;

    @InjectService(timeout = 10_000)
    Workspaces workspaces;

    @TempDir
    Path tmp;

    @Test
    void aWholeExportAndTheStoredChainAgreeOnTheEmbeddedCatalog() throws Exception {
        try (Workspace workspace = workspaces.open(tmp.resolve("data"))) {
            agree(workspace);
        }
    }

    @Test
    void aWholeExportAndTheStoredChainAgreeOnPostgres() throws Exception {
        try (Workspace workspace = workspaces.open(tmp.resolve("data"), PostgresServer.get().newDatabase("chain"))) {
            agree(workspace);
        }
    }

    private void agree(Workspace workspace) throws Exception {
        jobs.create(workspace, Seeds.job(tmp, "seed-fs01", "contosobackup", 1));
        try (Catalog catalog = workspace.catalog()) {
            catalog.recordEvent("seed-fs01", "note", "ünïcode 東京 😀, \"quotes\", back\\slash, a tab\tand\r\na line break");
            catalog.recordEvent("seed-fs01", "note", null);
            catalog.recordEvent("seed-fs01", "note", "\u0001 a control character and \u007f");
        }
        StringBuilder export = new StringBuilder();
        EventChain.export(workspace, "seed-fs01", null, EventChain.Format.JSON, export);
        List<String> lines = export.toString().lines().toList();

        EventChainCheck stored;
        try (Catalog catalog = workspace.catalog()) {
            stored = catalog.verifyEvents("seed-fs01");
        }

        assertTrue(stored.intact(), stored.toString());
        assertEquals(stored.events() + 1, lines.size(), "an export line an event and the end line");
        JsonNode end = JSON.readTree(lines.get(lines.size() - 1));
        assertEquals(stored.head(), end.path("prev").asText(), "the export's last hash is the stored chain's head");
    }
}
