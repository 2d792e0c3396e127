package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.seedbench.cloud.azure.internal.AzureBlobContainer;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.ObjectStore;

import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.storage.blob.BlobServiceClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.BlobProperties;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.azure.storage.common.sas.AccountSasPermission;
import com.azure.storage.common.sas.AccountSasResourceType;
import com.azure.storage.common.sas.AccountSasService;
import com.azure.storage.common.sas.AccountSasSignatureValues;

/** The Azure connector's Blob containers against a real Blob service: Azurite, started by the test run. */
@ExtendWith(AzuriteExtension.class)
class AzureBlobContainerOnAzuriteTest {
    private static final int MIB = 1024 * 1024;

    private final Azurite azurite;
    private final AzureBlobStorage storage;
    private final List<String> containers = new ArrayList<>();
    private AzureBlobContainer container;

    AzureBlobContainerOnAzuriteTest(Azurite azurite) throws InvalidInputException {
        this.azurite = azurite;
        this.storage = AzureBlobStorage.open(StorageAccess.connectionString(azurite.connectionString()));
    }

    @BeforeEach
    void createContainer() throws Exception {
        container = newContainer();
    }

    @AfterEach
    void deleteContainers() throws Exception {
        for (String name : containers) {
            storage.deleteContainer(name);
        }
    }

    private AzureBlobContainer newContainer() throws InvalidInputException, IOException {
        String name = "t-" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
        containers.add(name);
        return storage.createContainer(name);
    }

    @Test
    void aNineMibBlobIsStagedInFourMibBlocksWithTheirMd5sAndReadsBackIdentical() throws Exception {
        byte[] data = random(9 * MIB, 1);
        container.put("job/packs/00/p1", new ByteArrayInputStream(data), data.length);

        try (InputStream in = container.open("job/packs/00/p1")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        BlockList blocks = container.blockBlob("job/packs/00/p1").listBlocks(BlockListType.ALL);
        assertEquals(List.of(), blocks.getUncommittedBlocks());
        List<Block> committed = blocks.getCommittedBlocks();
        assertEquals(List.of(4L * MIB, 4L * MIB, 1L * MIB), committed.stream().map(Block::getSizeLong).toList());
        for (int i = 0; i < committed.size(); i++) {
            byte[] slice = Arrays.copyOfRange(data, i * 4 * MIB, Math.min(data.length, (i + 1) * 4 * MIB));
            String id = new String(Base64.getDecoder().decode(committed.get(i).getName()), StandardCharsets.US_ASCII);
            assertEquals(String.format("%06d-%s", i, HexFormat.of().formatHex(md5(slice))), id,
                    "block " + i + " carries the MD5 of its bytes");
        }
        BlobProperties properties = container.blockBlob("job/packs/00/p1").getProperties();
        assertEquals(data.length, properties.getBlobSize());
        assertArrayEquals(md5(data), properties.getContentMd5(), "the blob's Content-MD5 is the MD5 of all of it");
    }

    @Test
    void anEmptyBlobRoundTrips() throws Exception {
        container.put("empty", new ByteArrayInputStream(new byte[0]), 0);
        assertTrue(container.exists("empty"));
        try (InputStream in = container.open("empty")) {
            assertEquals(0, in.readAllBytes().length);
        }
    }

    @Test
    void contentShorterThanItsLengthIsRefusedAndNothingIsCommitted() throws Exception {
        IOException e = assertThrows(IOException.class,
                () -> container.put("short", new ByteArrayInputStream(new byte[10]), 11));
        assertTrue(e.getMessage().contains("ended after 10 of 11 bytes"), e.getMessage());
        assertFalse(container.exists("short"));
    }

    @Test
    void listByPrefixIsSortedAndKeepsToThePrefix() throws Exception {
        for (String name : List.of("job/packs/b", "job/packs/a/2", "jobx/packs/a", "job/index/i1", "job/packs/a/10")) {
            container.put(name, new ByteArrayInputStream(name.getBytes(StandardCharsets.UTF_8)), name.length());
        }
        assertEquals(List.of("job/packs/a/10", "job/packs/a/2", "job/packs/b"), container.list("job/packs/"));
        assertEquals(List.of("job/index/i1", "job/packs/a/10", "job/packs/a/2", "job/packs/b", "jobx/packs/a"),
                container.list(""));
        assertEquals(List.of(), container.list("nothing/"));
    }

    @Test
    void aDeletedBlobIsGoneAndReadingItSaysSo() throws Exception {
        container.put("job/index/i1", new ByteArrayInputStream(new byte[] { 1, 2, 3 }), 3);
        container.put("job/index/i2", new ByteArrayInputStream(new byte[] { 4 }), 1);
        assertTrue(container.exists("job/index/i1"));

        container.delete("job/index/i1");
        assertFalse(container.exists("job/index/i1"));
        assertTrue(container.exists("job/index/i2"));
        container.delete("job/index/i1"); // already gone: not an error

        IOException e = assertThrows(IOException.class, () -> container.open("job/index/i1"));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 404 BlobNotFound"), e.getMessage());
        assertTrue(e.getMessage().contains(container.name() + "/job/index/i1"), e.getMessage());
    }

    @Test
    void copyFromAnotherContainerOfTheAccountIsServerSide() throws Exception {
        AzureBlobContainer source = newContainer();
        byte[] data = random(5 * MIB + 7, 2);
        source.put("job/packs/00/p1", new ByteArrayInputStream(data), data.length);

        container.copyFrom(source, "job/packs/00/p1");

        try (InputStream in = container.open("job/packs/00/p1")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        BlobProperties copied = container.blockBlob("job/packs/00/p1").getProperties();
        assertEquals(CopyStatusType.SUCCESS, copied.getCopyStatus(), "the service copied it");
        // the copy source is the source blob's URL with the read SAS the service was given: compare paths only
        assertEquals("/" + Azurite.ACCOUNT + "/" + source.name() + "/job/packs/00/p1",
                java.net.URI.create(copied.getCopySource()).getPath());
        assertTrue(source.exists("job/packs/00/p1"), "a copy leaves the source");
    }

    @Test
    void copyFromAContainerTheServiceCannotReachStreamsThroughThisMachine() throws Exception {
        byte[] data = random(4 * MIB + 1, 3);
        ObjectStore elsewhere = new OneBlobContainer("job/packs/00/p2", data);

        container.copyFrom(elsewhere, "job/packs/00/p2");

        try (InputStream in = container.open("job/packs/00/p2")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertNull(container.blockBlob("job/packs/00/p2").getProperties().getCopyStatus(), "streamed, not copied");
    }

    @Test
    void aWrongAccountKeyGivesOneClearLineWithoutTheKey() throws Exception {
        byte[] raw = random(64, 4);
        String wrongKey = Base64.getEncoder().encodeToString(raw);
        AzureBlobStorage wrong = AzureBlobStorage.open(
                StorageAccess.sharedKey(azurite.accountUrl(), Azurite.ACCOUNT, Secret.of(wrongKey)));
        ObjectStore c = wrong.container(container.name());

        IOException put = assertThrows(IOException.class,
                () -> c.put("job/packs/00/p1", new ByteArrayInputStream(new byte[] { 1 }), 1));
        IOException exists = assertThrows(IOException.class, () -> c.exists("job/packs/00/p1"));
        for (IOException e : List.of(put, exists)) {
            String message = e.getMessage();
            assertOneLine(message);
            // Azure says AuthenticationFailed, Azurite AuthorizationFailure; both point at the key
            assertTrue(message.contains("HTTP 403 AuthenticationFailed;") || message.contains("HTTP 403 AuthorizationFailure;"),
                    message);
            assertTrue(message.contains("account key"), message);
            assertFalse(message.contains(wrongKey), "the key must not be in the message");
            assertFalse(message.contains(Azurite.KEY));
            assertNull(e.getCause(), "nothing chained that could quote the request");
        }
    }

    @Test
    void anUploadRunAgainAfterAnInterruptionSkipsTheBlocksTheServiceHolds() throws Exception {
        byte[] data = random(9 * MIB + 5, 5);
        InputStream cut = new CutAfter(new ByteArrayInputStream(data), 8 * MIB + 100);
        IOException e = assertThrows(IOException.class, () -> container.put("job/packs/00/p3", cut, data.length));
        assertEquals("cable pulled", e.getMessage());

        BlockList afterCut = container.blockBlob("job/packs/00/p3").listBlocks(BlockListType.UNCOMMITTED);
        assertEquals(List.of(4L * MIB, 4L * MIB),
                afterCut.getUncommittedBlocks().stream().map(Block::getSizeLong).toList(),
                "the two whole blocks read before the cut are staged");
        assertFalse(container.exists("job/packs/00/p3"), "nothing is committed");

        AzureBlobContainer.UploadResult resumed = container.upload("job/packs/00/p3", new ByteArrayInputStream(data),
                data.length);

        assertEquals(new AzureBlobContainer.UploadResult(1, 2, data.length), resumed);
        BlockList afterResume = container.blockBlob("job/packs/00/p3").listBlocks(BlockListType.ALL);
        assertEquals(List.of(), afterResume.getUncommittedBlocks());
        assertEquals(afterCut.getUncommittedBlocks().stream().map(Block::getName).toList(),
                afterResume.getCommittedBlocks().subList(0, 2).stream().map(Block::getName).toList(),
                "the staged blocks were committed as they were");
        try (InputStream in = container.open("job/packs/00/p3")) {
            assertArrayEquals(data, in.readAllBytes());
        }
    }

    @Test
    void anUploadRunAgainWithChangedContentRestagesTheChangedBlocks() throws Exception {
        byte[] data = random(9 * MIB, 6);
        InputStream cut = new CutAfter(new ByteArrayInputStream(data), 8 * MIB + 1);
        assertThrows(IOException.class, () -> container.put("job/packs/00/p4", cut, data.length));

        byte[] changed = data.clone();
        changed[5 * MIB] ^= 1; // in the second block
        AzureBlobContainer.UploadResult resumed = container.upload("job/packs/00/p4",
                new ByteArrayInputStream(changed), changed.length);

        assertEquals(new AzureBlobContainer.UploadResult(2, 1, changed.length), resumed);
        try (InputStream in = container.open("job/packs/00/p4")) {
            assertArrayEquals(changed, in.readAllBytes());
        }
    }

    @Test
    void aSasOpensTheAccountAndCopiesServerSide() throws Exception {
        String sas = accountSas(new AccountSasPermission().setReadPermission(true).setWritePermission(true)
                .setCreatePermission(true).setListPermission(true).setAddPermission(true));
        AzureBlobStorage withSas = AzureBlobStorage.open(StorageAccess.sas(azurite.accountUrl(), Secret.of("?" + sas)));
        AzureBlobContainer source = withSas.container(newContainer().name());
        AzureBlobContainer target = withSas.container(container.name());
        byte[] data = random(MIB + 3, 7);

        source.put("job/config", new ByteArrayInputStream(data), data.length);
        target.copyFrom(source, "job/config");

        try (InputStream in = target.open("job/config")) {
            assertArrayEquals(data, in.readAllBytes());
        }
        assertEquals(List.of("job/config"), target.list("job/"));
        assertEquals(CopyStatusType.SUCCESS, container.blockBlob("job/config").getProperties().getCopyStatus());
    }

    @Test
    void aSasWithoutWritePermissionGivesOneClearLineWithoutTheSas() throws Exception {
        String sas = accountSas(new AccountSasPermission().setReadPermission(true).setListPermission(true));
        AzureBlobStorage readOnly = AzureBlobStorage.open(StorageAccess.sas(azurite.accountUrl(), Secret.of(sas)));
        ObjectStore c = readOnly.container(container.name());

        IOException e = assertThrows(IOException.class,
                () -> c.put("job/config", new ByteArrayInputStream(new byte[] { 1 }), 1));

        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertTrue(e.getMessage().contains("SAS") && e.getMessage().contains("permissions"), e.getMessage());
        String signature = sas.replaceAll(".*sig=([^&]+).*", "$1");
        assertFalse(e.getMessage().contains(signature), "the SAS signature must not be in the message");
        assertFalse(e.getMessage().contains(sas));
        assertEquals(List.of(), c.list(""), "reading is allowed");
    }

    @Test
    void nothingListensAtTheEndpointGivesOneClearLine() throws Exception {
        AzureBlobStorage nowhere = AzureBlobStorage.open(StorageAccess.sharedKey(
                java.net.URI.create("http://127.0.0.1:9/" + Azurite.ACCOUNT), Azurite.ACCOUNT, Secret.of(Azurite.KEY)));
        IOException e = assertThrows(IOException.class, () -> nowhere.container("seed").list(""));
        assertOneLine(e.getMessage());
        assertTrue(e.getMessage().contains("nothing answers at the account's endpoint"), e.getMessage());
        assertFalse(e.getMessage().contains(Azurite.KEY));
    }

    /** An account SAS signed with the development key, as an admin would paste it from the portal. */
    private String accountSas(AccountSasPermission permissions) {
        BlobServiceClient admin = new BlobServiceClientBuilder().httpClient(new JdkHttpClientBuilder().build())
                .endpoint(azurite.accountUrl().toString())
                .credential(new StorageSharedKeyCredential(Azurite.ACCOUNT, Azurite.KEY)).buildClient();
        return admin.generateAccountSas(new AccountSasSignatureValues(OffsetDateTime.now().plusHours(1), permissions,
                new AccountSasService().setBlobAccess(true),
                new AccountSasResourceType().setService(true).setContainer(true).setObject(true)));
    }

    private static void assertOneLine(String message) {
        assertFalse(message.contains("\n") || message.contains("\r"), "one line: " + message);
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    private static byte[] md5(byte[] data) throws NoSuchAlgorithmException {
        return MessageDigest.getInstance("MD5").digest(data);
    }

    /** A stream that fails after {@code limit} bytes, as a pulled cable or a killed run would. */
    private static final class CutAfter extends FilterInputStream {
        private long left;

        CutAfter(InputStream in, long limit) {
            super(in);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                throw new IOException("cable pulled");
            }
            left--;
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                throw new IOException("cable pulled");
            }
            int n = super.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }
    }

    /** A container somewhere the service cannot read from: one blob, held in memory. */
    private static final class OneBlobContainer implements ObjectStore {
        private final String name;
        private final byte[] data;

        OneBlobContainer(String name, byte[] data) {
            this.name = name;
            this.data = data;
        }

        @Override
        public String location() {
            return "memory";
        }

        @Override
        public PendingObject create(String folder) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public byte[] get(String blob) throws IOException {
            if (!blob.equals(name)) {
                throw new IOException("no blob " + blob);
            }
            return data.clone();
        }

        @Override
        public byte[] getRange(String blob, long offset, int length) throws IOException {
            return java.util.Arrays.copyOfRange(get(blob), (int) offset, (int) offset + length);
        }

        @Override
        public InputStream open(String blob) throws IOException {
            return new ByteArrayInputStream(get(blob));
        }

        @Override
        public long size(String blob) throws IOException {
            get(blob);
            return data.length;
        }

        @Override
        public List<String> list(String prefix) {
            return name.startsWith(prefix) ? List.of(name) : List.of();
        }

        @Override
        public boolean exists(String blob) {
            return blob.equals(name);
        }

        @Override
        public void delete(String blob) {
            throw new UnsupportedOperationException("read-only");
        }

        @Override
        public int deleteAbandoned() {
            return 0;
        }
    }
}
