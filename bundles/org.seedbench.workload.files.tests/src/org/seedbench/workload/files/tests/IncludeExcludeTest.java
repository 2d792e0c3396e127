package org.seedbench.workload.files.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.Progress;
import org.seedbench.workload.files.FilesWorkloadSource;

/** What the include and exclude globs of a files workload keep and leave out. */
class IncludeExcludeTest {

    @TempDir
    Path root;

    private final FilesWorkloadSource source = new FilesWorkloadSource();

    @BeforeEach
    void tree() throws IOException {
        write("a.txt", 10);
        write("a.tmp", 20);
        write("cache/x.txt", 300);
        write("cache/y.bin", 4000);
        write("docs/readme.txt", 50000);
        write("docs/draft.tmp", 600000);
        write("docs/img/logo.png", 7000000);
        Files.createDirectories(root.resolve("emptydir"));
        write("src/main/App.java", 1);
        write("src/test/AppTest.java", 2);
    }

    private void write(String path, int size) throws IOException {
        Path file = root.resolve(path);
        Files.createDirectories(file.getParent());
        Files.write(file, "x".repeat(size).getBytes(StandardCharsets.US_ASCII));
    }

    private List<String> paths(String include, String exclude) throws IOException {
        Listing listing = Listing.of(source, Listing.spec(root, include, exclude));
        assertEquals(List.of(), listing.warnings);
        return listing.paths();
    }

    @Test
    void withoutGlobsEverythingIsListed() throws IOException {
        assertEquals(List.of("a.tmp", "a.txt", "cache", "cache/x.txt", "cache/y.bin", "docs", "docs/draft.tmp",
                "docs/img", "docs/img/logo.png", "docs/readme.txt", "emptydir", "src", "src/main",
                "src/main/App.java", "src/test", "src/test/AppTest.java"), paths(null, null));
    }

    @Test
    void anExcludedFolderTakesItsContentWithIt() throws IOException {
        List<String> paths = paths(null, "cache\n**.tmp");
        assertEquals(List.of("a.txt", "docs", "docs/img", "docs/img/logo.png", "docs/readme.txt", "emptydir", "src",
                "src/main", "src/main/App.java", "src/test", "src/test/AppTest.java"), paths);
    }

    @Test
    void aGlobWithoutDoubleStarMatchesAtTheRootOnly() throws IOException {
        List<String> paths = paths(null, "*.tmp");
        assertTrue(!paths.contains("a.tmp") && paths.contains("docs/draft.tmp"),
                "*.tmp leaves out a.tmp at the root and keeps docs/draft.tmp: " + paths);
    }

    @Test
    void includeKeepsTheMatchingFilesAndTheFoldersLeadingToThem() throws IOException {
        assertEquals(List.of("a.txt", "cache", "cache/x.txt", "docs", "docs/readme.txt"), paths("**.txt", null));
    }

    @Test
    void anIncludedFolderBringsAllItsContent() throws IOException {
        assertEquals(List.of("docs", "docs/draft.tmp", "docs/img", "docs/img/logo.png", "docs/readme.txt"),
                paths("docs", null));
        assertEquals(List.of("src", "src/main", "src/main/App.java"), paths("src/main/**", null));
    }

    @Test
    void excludeWinsOverInclude() throws IOException {
        assertEquals(List.of("a.txt", "docs", "docs/readme.txt"), paths("**.txt", "cache"));
    }

    @Test
    void blankLinesSurroundingBlanksWindowsLineEndsAndSlashesAroundAGlobAreForgiven() throws IOException {
        assertEquals(paths(null, "cache"), paths(null, "\r\n  /cache/  \r\n\r\n"));
    }

    @Test
    void theEstimateCountsOnlyWhatIsSelected() throws IOException {
        assertEquals(10 + 20 + 300 + 4000 + 50000 + 600000 + 7000000 + 1 + 2,
                source.estimateSize(Listing.spec(root), Progress.NONE));
        assertEquals(10 + 300 + 50000, source.estimateSize(Listing.spec(root, "**.txt", null), Progress.NONE));
        assertEquals(10 + 50000 + 7000000 + 1 + 2,
                source.estimateSize(Listing.spec(root, null, "cache\n**.tmp"), Progress.NONE));
    }

    @Test
    void anInvalidGlobIsAProblemOfItsOption() {
        List<Problem> problems = source.validate(Listing.spec(root, "docs/[abc", "{a,b"));
        assertEquals(List.of("include", "exclude"), problems.stream().map(Problem::field).toList());
        assertEquals("docs/[abc", problems.get(0).value());
        assertTrue(problems.get(0).message().startsWith("include 'docs/[abc': is not a valid glob"),
                problems.get(0).message());
    }
}
