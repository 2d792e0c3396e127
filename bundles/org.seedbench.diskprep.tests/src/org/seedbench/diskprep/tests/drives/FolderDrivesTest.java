package org.seedbench.diskprep.tests.drives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.Drive;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.diskprep.drives.AttachedDrive;
import org.seedbench.diskprep.drives.FolderDrives;

class FolderDrivesTest {
    @TempDir
    Path tmp;

    private static List<String> messages(InvalidInputException e) {
        return e.problems().stream().map(Problem::message).toList();
    }

    @Test
    void aGoodSpecCreatesTheFolderAndCarriesTheDeclaredCapacity() throws Exception {
        Path folder = tmp.resolve("seed/d1");
        AttachedDrive d = FolderDrives.parse("dir:" + folder + ",capacity=1.2G,serial=SB-0001");
        assertTrue(Files.isDirectory(folder));
        assertEquals("SB-0001", d.serial());
        assertEquals(1_200_000_000L, d.capacityBytes(), "sizes are decimal, as drives are sold");
        assertEquals("FOLDER", d.transport());
        assertEquals("SSD", d.mediaType());
        assertEquals(FolderDrives.DEFAULT_MODEL, d.model());
        assertEquals(folder.toRealPath(), d.mountPoint());
        assertEquals(1_200_000_000L, d.target().capacityBytes());

        Drive job = d.toDrive("seed-fs01");
        assertEquals("seed-fs01", job.jobName());
        assertEquals("SB-0001", job.serial());
        assertEquals(1_200_000_000L, job.capacityBytes());
        assertEquals(0, job.usedBytes());
    }

    @Test
    void optionsInAnyOrderAModelAndACommaInThePath() throws Exception {
        AttachedDrive d = FolderDrives.parse("DIR:" + tmp.resolve("a,b") + ", serial=SB-7 ,model=Rehearsal disk,capacity=512M");
        assertEquals(tmp.resolve("a,b").toRealPath(), d.mountPoint());
        assertEquals("Rehearsal disk", d.model());
        assertEquals(512_000_000L, d.capacityBytes());
        assertEquals(1L << 30, FolderDrives.parse("dir:" + tmp.resolve("c") + ",capacity=1GiB,serial=SB-8").capacityBytes());
    }

    @Test
    void aCapacityThatIsNotASizeNamesTheSpecAndWhatIsAllowed() {
        String spec = "dir:" + tmp.resolve("x") + ",capacity=2Q,serial=SB-0001";
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FolderDrives.parse(spec));
        assertEquals(List.of("drive '" + spec + "': capacity '2Q' is not a size (allowed: a number with K, M, G or T, "
                + "e.g. 1.2G)"), messages(e));
        assertFalse(Files.exists(tmp.resolve("x")), "nothing is created for a bad spec");
    }

    @Test
    void missingCapacityAndSerialAreBothReported() {
        String spec = "dir:" + tmp.resolve("x");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> FolderDrives.parse(spec));
        assertEquals(List.of(
                "drive '" + spec + "': has no capacity (allowed: capacity=SIZE, a number with K, M, G or T, e.g. 1.2G)",
                "drive '" + spec + "': has no serial (allowed: serial=ID, 1 to 32 letters, digits, '-', '_' or '.', "
                        + "e.g. SB-0001)"),
                messages(e));
    }

    @Test
    void badSerialsUnknownOptionsZeroCapacityAndAMissingPathAreRefused() {
        assertEquals("drive 'dir:" + tmp + ",capacity=2G,serial=SB 1': serial 'SB 1' is not a drive serial (allowed: "
                + "1 to 32 letters, digits, '-', '_' or '.', e.g. SB-0001)",
                messages(assertThrows(InvalidInputException.class,
                        () -> FolderDrives.parse("dir:" + tmp + ",capacity=2G,serial=SB 1"))).get(0));
        assertTrue(messages(assertThrows(InvalidInputException.class,
                () -> FolderDrives.parse("dir:" + tmp + ",size=2G,capacity=2G,serial=S1"))).get(0)
                .contains("option 'size' is unknown (allowed: capacity, serial, model;"));
        assertTrue(messages(assertThrows(InvalidInputException.class,
                () -> FolderDrives.parse("dir:" + tmp + ",capacity=0G,serial=S1"))).get(0)
                .contains("capacity '0G' is not more than 0 bytes"));
        assertTrue(messages(assertThrows(InvalidInputException.class,
                () -> FolderDrives.parse("dir:,capacity=1G,serial=S1"))).get(0)
                .startsWith("drive 'dir:,capacity=1G,serial=S1': names no folder (allowed: dir:PATH,capacity=SIZE"));
    }

    @Test
    void aFileIsNotAFolder() throws IOException {
        Path file = Files.writeString(tmp.resolve("notes.txt"), "x");
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FolderDrives.parse("dir:" + file + ",capacity=1G,serial=S1"));
        assertTrue(messages(e).get(0).endsWith("is a file, not a folder (allowed: a folder, or a path where one can "
                + "be created)"), messages(e).toString());
    }

    @Test
    void folderDrivesOfOneCommandMayNotHoldOneAnother() throws IOException {
        String outer = "dir:" + tmp.resolve("d1") + ",capacity=1G,serial=S1";
        String inner = "dir:" + tmp.resolve("d1/inner") + ",capacity=1G,serial=S2";
        String same = "dir:" + tmp.resolve("d1/../d1") + ",capacity=1G,serial=S3";
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> FolderDrives.parseAll(List.of(outer, inner, same)));
        Path real = tmp.toRealPath();
        assertEquals(List.of(
                "drive '" + inner + "': folder '" + real.resolve("d1/inner") + "' is inside the folder drive '"
                        + real.resolve("d1") + "' (allowed: folders that do not hold one another)",
                "drive '" + same + "': folder '" + real.resolve("d1") + "' is already the folder drive '" + outer
                        + "' (allowed: one folder per drive)"),
                messages(e));
        assertFalse(Files.exists(tmp.resolve("d1")), "no folder is created while any spec is wrong");
    }

    @Test
    void aFolderDriveObeysTheTenTerabyteLimit() {
        String spec = "dir:" + tmp.resolve("big") + ",capacity=12T,serial=SB-BIG";
        assertEquals(List.of("drive '" + spec + "': holds 12.0 TB (allowed: at most 10 TB per drive)"),
                messages(assertThrows(InvalidInputException.class, () -> FolderDrives.parse(spec))));
    }

    @Test
    void aCapacityBeyondTheFreeSpaceIsAcceptedWithANote() throws Exception {
        AttachedDrive d = FolderDrives.parse("dir:" + tmp.resolve("d9") + ",capacity=9.9T,serial=SB-9");
        long free = Files.getFileStore(tmp).getUsableSpace();
        if (free < 9_900_000_000_000L) {
            assertEquals(1, d.notes().size());
            assertTrue(d.notes().get(0).startsWith("folder drive SB-9 declares 9.9 TB but its file system has "),
                    d.notes().get(0));
        } else {
            assertEquals(List.of(), d.notes());
        }
    }
}
