package org.seedbench.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;
import org.seedbench.core.spi.WorkloadItem;
import org.seedbench.core.spi.WorkloadSource;

/** The contract every {@link WorkloadSource} keeps. */
public abstract class WorkloadSourceContract {

    @TempDir
    protected Path tempDir;

    /** The source under test, as registered (from the service registry where the test can). */
    protected abstract WorkloadSource source();

    /** Creates a small workload with a few files of known content and at least one folder under {@code dir}. */
    protected abstract WorkloadSpec createWorkload(Path dir) throws IOException;

    /** A workload the source must refuse, e.g. one whose target does not exist. */
    protected abstract WorkloadSpec invalidWorkload(Path dir) throws IOException;

    private List<WorkloadItem> items(WorkloadSpec spec) throws IOException {
        List<WorkloadItem> items = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        source().enumerate(spec, items::add, warnings::add, Progress.NONE);
        assertEquals(List.of(), warnings, "a readable workload gives no warnings");
        return items;
    }

    @Test
    void idIsLowercaseAndLabelled() {
        String id = source().id();
        assertEquals(id.toLowerCase(Locale.ROOT), id);
        assertFalse(id.contains(":"), "the id stands before the colon of ID:TARGET");
        assertFalse(source().label().isBlank());
    }

    @Test
    void aGoodWorkloadHasNoProblems() throws IOException {
        assertEquals(List.of(), source().validate(createWorkload(tempDir.resolve("good"))));
    }

    @Test
    void aBadWorkloadIsRefusedNamingTheField() throws IOException {
        List<Problem> problems = source().validate(invalidWorkload(tempDir.resolve("bad")));
        assertFalse(problems.isEmpty(), "the invalid workload must be refused");
        assertTrue(problems.stream().allMatch(p -> !p.field().isBlank() && !p.problem().isBlank()));
    }

    @Test
    void enumerationIsStableWithUniqueRelativePaths() throws IOException {
        WorkloadSpec spec = createWorkload(tempDir.resolve("stable"));
        List<WorkloadItem> first = items(spec);
        List<WorkloadItem> second = items(spec);
        assertFalse(first.isEmpty());
        assertEquals(first.stream().map(WorkloadItem::path).toList(), second.stream().map(WorkloadItem::path).toList());
        Set<String> seen = new HashSet<>();
        for (WorkloadItem item : first) {
            assertTrue(seen.add(item.path()), "yielded twice: " + item.path());
            assertFalse(item.path().startsWith("/"), "absolute: " + item.path());
            assertFalse(List.of(item.path().split("/")).contains(".."), "escapes the workload: " + item.path());
        }
    }

    @Test
    void directoriesComeBeforeTheirContent() throws IOException {
        Set<String> dirs = new HashSet<>();
        for (WorkloadItem item : items(createWorkload(tempDir.resolve("order")))) {
            int slash = item.path().lastIndexOf('/');
            if (slash > 0) {
                assertTrue(dirs.contains(item.path().substring(0, slash)), "parent not yet seen: " + item.path());
            }
            if (item.type() == WorkloadItem.Type.DIRECTORY) {
                dirs.add(item.path());
            }
        }
    }

    @Test
    void theUnitsAreValidAndTogetherYieldTheWorkloadsFiles() throws IOException {
        WorkloadSpec spec = createWorkload(tempDir.resolve("units"));
        List<WorkloadSpec> units = source().units(spec);
        assertFalse(units.isEmpty(), "a workload is at least one unit");
        Set<String> whole = new HashSet<>();
        for (WorkloadItem item : items(spec)) {
            if (item.type() != WorkloadItem.Type.DIRECTORY) {
                whole.add(item.path());
            }
        }
        Set<String> fromUnits = new HashSet<>();
        for (WorkloadSpec unit : units) {
            assertEquals(source().id(), unit.sourceId(), "a unit is a workload of the same source");
            assertEquals(List.of(), source().validate(unit), "unit " + unit);
            for (WorkloadItem item : items(unit)) {
                if (item.type() != WorkloadItem.Type.DIRECTORY) {
                    assertTrue(fromUnits.add(item.path()), "in two units: " + item.path());
                }
            }
        }
        assertEquals(whole, fromUnits, "the units hold the workload's files and links, each once");
    }

    @Test
    void openGivesExactlyTheItemsSizeAndTheEstimateCoversIt() throws IOException {
        WorkloadSpec spec = createWorkload(tempDir.resolve("open"));
        long total = 0;
        for (WorkloadItem item : items(spec)) {
            if (item.type() == WorkloadItem.Type.FILE) {
                try (InputStream in = source().open(spec, item)) {
                    long n = in.transferTo(java.io.OutputStream.nullOutputStream());
                    assertEquals(item.size(), n, "bytes read from " + item.path());
                    total += n;
                }
            }
        }
        assertTrue(total > 0, "the workload has content");
        assertTrue(source().estimateSize(spec, Progress.NONE) >= total, "the estimate covers what is read");
    }
}
