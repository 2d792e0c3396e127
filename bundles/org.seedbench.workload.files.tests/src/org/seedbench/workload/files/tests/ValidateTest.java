package org.seedbench.workload.files.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.WorkloadKind;
import org.seedbench.core.model.WorkloadSpec;
import org.seedbench.core.rules.Problem;
import org.seedbench.workload.files.FilesWorkloadSource;

/** What the files workload refuses before a run, each as one line naming the workload and the fix. */
class ValidateTest {

    @TempDir
    Path temp;

    private final FilesWorkloadSource source = new FilesWorkloadSource();

    private List<String> messages(WorkloadSpec spec) {
        return source.validate(spec).stream().map(Problem::message).toList();
    }

    @Test
    void theSourceIsFilesAndFolders() {
        assertEquals("files", source.id());
        assertEquals("Files and folders", source.label());
        assertEquals(WorkloadKind.FILES, source.kind());
    }

    @Test
    void aReadableFolderIsValid() {
        assertEquals(List.of(), source.validate(Listing.spec(temp)));
    }

    @Test
    void aMissingTargetIsRefused() {
        assertEquals(List.of("workload 'files: ': names no root folder "
                + "(allowed: an absolute folder path, e.g. files:/srv/data)"),
                messages(new WorkloadSpec("files", " ")));
    }

    @Test
    void aRelativeTargetIsRefused() {
        assertEquals(List.of("workload 'files:data': the root folder is not an absolute path "
                + "(allowed: an absolute folder path, e.g. files:/srv/data)"),
                messages(new WorkloadSpec("files", "data")));
    }

    @Test
    void aTargetThatDoesNotExistIsRefused() {
        Path missing = temp.resolve("missing");
        List<Problem> problems = source.validate(Listing.spec(missing));
        assertEquals(1, problems.size());
        assertEquals("workload", problems.get(0).field());
        assertEquals("files:" + missing, problems.get(0).value());
        assertEquals("the root folder does not exist", problems.get(0).problem());
    }

    @Test
    void aFileAsTargetIsRefused() throws IOException {
        Path file = Files.writeString(temp.resolve("one.txt"), "one");
        assertEquals(List.of("workload 'files:" + file + "': the root is a file, not a folder "
                + "(allowed: the folder that holds it, with --include naming the file)"), messages(Listing.spec(file)));
    }

    @Test
    @DisplayName("an unreadable root is refused (skipped as root: root reads every folder)")
    void anUnreadableRootIsRefused() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "not a POSIX system");
        Path locked = Files.createDirectories(temp.resolve("locked"));
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
        try {
            assumeFalse(Files.isReadable(locked), "runs as root (or with CAP_DAC_OVERRIDE), which reads every "
                    + "folder, so no folder can be made unreadable: skipped");
            List<Problem> problems = source.validate(Listing.spec(locked));
            assertEquals(1, problems.size());
            assertEquals("workload", problems.get(0).field());
            assertEquals("the root folder cannot be read: permission denied", problems.get(0).problem());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
        }
    }
}
