package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.support.files.DurableFiles;
import org.seedbench.core.support.store.LockedTempObject;

/**
 * The pending object the stores share: its temporary file is never taken for abandoned while it is written, a
 * commit sees the whole content, a failed commit leaves it to be discarded, and nothing is left behind either way.
 */
class LockedTempObjectTest {
    @TempDir
    Path folder;

    /** Commits by copying the content to {@code committed/<name>}, or fails when told to. */
    private static final class Copying extends LockedTempObject {
        final List<String> finished = new ArrayList<>();
        boolean fail;

        Copying(Path temp) throws IOException {
            super(temp);
        }

        @Override
        protected void commit(String name, FileChannel channel) throws IOException {
            if (fail) {
                throw new IOException("the upload failed");
            }
            Path target = temp().resolveSibling("committed-" + name);
            Files.copy(temp(), target);
        }

        @Override
        protected void finished() {
            finished.add(temp().getFileName().toString());
        }
    }

    @Test
    void aFileBeingWrittenIsNotAbandonedAndACommitSeesAllOfIt() throws IOException {
        Path temp = folder.resolve(DurableFiles.tempName());
        try (Copying pending = new Copying(temp)) {
            pending.output().write(new byte[] { 1, 2, 3 });
            pending.output().close(); // a caller closing the stream does not end the object
            assertFalse(DurableFiles.abandoned(temp));
            pending.commit("a");
            assertArrayEquals(new byte[] { 1, 2, 3 }, Files.readAllBytes(folder.resolve("committed-a")));
            assertFalse(Files.exists(temp));
            assertEquals(1, pending.finished.size());
            assertThrows(IllegalStateException.class, () -> pending.commit("b"));
        }
    }

    @Test
    void aFailedCommitIsDiscardedOnClose() throws IOException {
        Path temp = folder.resolve(DurableFiles.tempName());
        Copying pending = new Copying(temp);
        pending.output().write(new byte[] { 4 });
        pending.fail = true;
        assertThrows(IOException.class, () -> pending.commit("a"));
        assertTrue(Files.exists(temp));
        assertTrue(pending.finished.isEmpty());
        pending.close();
        assertFalse(Files.exists(temp));
        assertFalse(Files.exists(folder.resolve("committed-a")));
        assertEquals(1, pending.finished.size());
    }
}
