package org.seedbench.core.support.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.support.manifest.BlockCheck;
import org.seedbench.core.support.manifest.DriveManifest;
import org.seedbench.core.support.manifest.DriveManifest.Blob;
import org.seedbench.core.support.manifest.DriveManifest.Block;
import org.seedbench.core.spi.DiskEncryptor.DriveFile;
import org.seedbench.core.spi.DiskEncryptor.Volume;
import org.seedbench.core.spi.DriveTarget;
import org.seedbench.core.support.volume.PlainFolderVolume;

/** A blob read back against its manifest hands on only checked bytes and reports every block. */
class BlockCheckTest {
    private static final int MIB = 1 << 20;
    private static final String FILE = "job/packs/ab/abcdef";

    @TempDir
    Path mount;

    private Volume volume;
    private byte[] data;
    private Blob blob;
    private final List<String> heard = new ArrayList<>();
    private final BlockCheck.Listener listener = new BlockCheck.Listener() {
        @Override
        public void blobProblem(Blob b, String problem) {
            heard.add("blob: " + problem);
        }

        @Override
        public void block(Blob b, int index, Block block, String problem) {
            heard.add(index + "@" + block.offset() + ": " + (problem == null ? "good" : problem));
        }
    };

    @BeforeEach
    void aDriveWithABlobOfThreeBlocks() throws IOException {
        volume = new PlainFolderVolume(new DriveTarget("SB-0001", "/dev/sdx", mount, 64L * MIB));
        data = new byte[9 * MIB + 5];
        new Random(3).nextBytes(data);
        try (DriveFile out = volume.create(FILE)) {
            out.write(data);
            out.finish();
        }
        List<byte[]> md5s = new ArrayList<>();
        for (int off = 0; off < data.length; off += DriveManifest.BLOCK_SIZE) {
            int n = Math.min(DriveManifest.BLOCK_SIZE, data.length - off);
            md5s.add(DriveManifest.md5(Arrays.copyOfRange(data, off, off + n), n));
        }
        String xml = DriveManifest.header("SB-0001") + DriveManifest.blob("seed/" + FILE, FILE, data.length, md5s)
                + DriveManifest.footer();
        try (DriveFile out = volume.create(DriveManifest.FILE_NAME)) {
            out.write(xml.getBytes(StandardCharsets.UTF_8));
            out.finish();
        }
        DriveManifest.Contents manifest = DriveManifest.read(volume, "\\" + DriveManifest.FILE_NAME);
        assertEquals("SB-0001", manifest.driveId());
        byte[] bytes = xml.getBytes(StandardCharsets.UTF_8);
        assertEquals(DriveManifest.hex(DriveManifest.md5(bytes, bytes.length)), manifest.md5());
        blob = manifest.blobs().get(0);
    }

    @Test
    void aGoodBlobReadsBackIdenticalBlockByBlock() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlockCheck in = BlockCheck.open(volume, blob, listener)) {
            in.transferTo(out);
        }
        assertArrayEquals(data, out.toByteArray());
        assertEquals(List.of("0@0: good", "1@4194304: good", "2@8388608: good"), heard);
    }

    @Test
    void aChangedByteFailsItsBlockAfterEveryBlockIsCheckedAndBeforeTheBlobEnds() throws IOException {
        byte[] changed = data.clone();
        changed[5 * MIB] ^= 1;
        Files.write(mount.resolve(FILE), changed);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (BlockCheck in = BlockCheck.open(volume, blob, listener)) {
            assertThrows(BlockCheck.BadBlobException.class, () -> in.transferTo(out));
        }
        assertEquals(DriveManifest.BLOCK_SIZE, out.size(), "only the good first block was handed on");
        assertEquals(3, heard.size(), heard.toString());
        assertEquals("0@0: good", heard.get(0));
        assertTrue(heard.get(1).startsWith("1@4194304: MD5 "), heard.get(1));
        assertEquals("2@8388608: good", heard.get(2));
    }

    @Test
    void aShortFileIsNamedAndItsMissingBlocksFail() throws IOException {
        Files.write(mount.resolve(FILE), Arrays.copyOf(data, 6 * MIB));
        assertEquals(false, BlockCheck.check(volume, blob, listener));
        assertEquals(List.of("blob: 6291456 bytes, the manifest says 9437189", "0@0: good",
                "1@4194304: the file ends early"), heard.subList(0, 3));
        assertEquals(4, heard.size(), heard.toString());
        assertTrue(heard.get(3).startsWith("2@8388608: ") && !heard.get(3).endsWith("good"), heard.get(3));
    }

    @Test
    void aMissingFileIsOneProblem() throws IOException {
        volume.delete(FILE);
        assertEquals(false, BlockCheck.check(volume, blob, listener));
        assertEquals(List.of("blob: file " + FILE + " is missing"), heard);
    }
}
