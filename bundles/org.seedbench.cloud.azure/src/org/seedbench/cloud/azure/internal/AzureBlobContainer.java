package org.seedbench.cloud.azure.internal;

import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.seedbench.core.spi.ObjectStore;
import org.seedbench.core.support.files.DurableFiles;
import org.seedbench.core.support.store.LockedTempObject;

import com.azure.core.util.BinaryData;
import com.azure.core.util.Context;
import com.azure.core.util.polling.PollResponse;
import com.azure.core.util.polling.SyncPoller;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobRange;
import com.azure.storage.blob.models.BlobCopyInfo;
import com.azure.storage.blob.models.BlobHttpHeaders;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.Block;
import com.azure.storage.blob.models.BlockList;
import com.azure.storage.blob.models.BlockListType;
import com.azure.storage.blob.models.CopyStatusType;
import com.azure.storage.blob.models.DeleteSnapshotsOptionType;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlockBlobCommitBlockListOptions;
import com.azure.storage.blob.options.BlockBlobStageBlockOptions;
import com.azure.storage.blob.sas.BlobSasPermission;
import com.azure.storage.blob.sas.BlobServiceSasSignatureValues;
import com.azure.storage.blob.specialized.BlockBlobClient;

/**
 * A container of an Azure storage account as an {@link ObjectStore}.
 *
 * <p>Blobs are uploaded as block blobs in {@value #BLOCK_SIZE}-byte blocks, each staged with its MD5 (the
 * service refuses a block whose bytes do not match it) and then committed as one block list with the MD5 of
 * the whole blob. A block's id holds its index and MD5, so an upload that was interrupted and is run again
 * with the same content skips the blocks the service still holds and stages only the rest.
 *
 * <p>An object written through {@link #create} is spooled to a file in a local folder ({@value #SPOOL_PREFIX}…,
 * locked while it is written) and uploaded as one blob on commit; {@link #deleteAbandoned} removes the spool files
 * a dead process left. Reads of part of an object are ranged blob reads, so a restore downloads only what it needs.
 */
public final class AzureBlobContainer implements ObjectStore {
    private static final String SPOOL_PREFIX = ".spool-";
    /** 4 MiB, the block size of the drive manifests. */
    public static final int BLOCK_SIZE = 4 * 1024 * 1024;
    /** The service's limit of blocks in one block blob. */
    static final int MAX_BLOCKS = 50_000;
    /**
     * How long the read SAS a server-side copy gives the service for its source stays valid. Copies within an
     * account finish well within it; one that does not fails and is streamed instead.
     */
    private static final Duration COPY_SOURCE_SAS_LIFETIME = Duration.ofHours(1);

    /** Spool files being written by this process, in any container (others' are left alone). */
    private static final Set<Path> WRITING = ConcurrentHashMap.newKeySet();

    private final StorageAccount account;
    private final BlobContainerClient container;
    private final StorageErrors errors;
    private final Path spool;

    /** @param spool the local folder where objects being written wait for their upload (created when needed) */
    public AzureBlobContainer(StorageAccount account, String name, Path spool) {
        this.account = account;
        this.container = account.service().getBlobContainerClient(name);
        this.errors = account.errors();
        this.spool = spool.toAbsolutePath().normalize();
    }

    @Override
    public String location() {
        return "azure:" + account.name() + "/" + name();
    }

    public String name() {
        return container.getBlobContainerName();
    }

    /** What an upload did: blocks sent to the service, and blocks it still held from an interrupted upload. */
    public record UploadResult(int blocksStaged, int blocksReused, long bytes) {
    }

    @Override
    public void put(String name, InputStream content, long length) throws IOException {
        if (length < 0) {
            throw new IllegalArgumentException("length must not be negative: " + length);
        }
        upload(name, content, length);
    }

    /**
     * Uploads {@code length} bytes of {@code content} (or all of it when {@code length} is -1) and commits
     * them as blob {@code name}, replacing what was there.
     */
    public UploadResult upload(String name, InputStream content, long length) throws IOException {
        if (length > (long) MAX_BLOCKS * BLOCK_SIZE) {
            throw new IOException("Azure Blob storage: cannot upload '" + target(name) + "': " + length
                    + " bytes is more than a block blob of " + MAX_BLOCKS + " blocks of " + BLOCK_SIZE + " bytes holds");
        }
        BlockBlobClient blob = blockBlob(name);
        Map<String, Long> held = heldBlocks(blob, name);
        MessageDigest whole = md5();
        List<String> ids = new ArrayList<>();
        byte[] buffer = new byte[BLOCK_SIZE];
        long total = 0;
        int staged = 0;
        int reused = 0;
        while (length < 0 || total < length) {
            int want = length < 0 ? BLOCK_SIZE : (int) Math.min(BLOCK_SIZE, length - total);
            int n = content.readNBytes(buffer, 0, want);
            if (n == 0 && length < 0) {
                break;
            }
            if (n < want && length >= 0) {
                throw new IOException("Azure Blob storage: cannot upload '" + target(name) + "': the content ended after "
                        + (total + n) + " of " + length + " bytes");
            }
            if (ids.size() == MAX_BLOCKS) {
                throw new IOException("Azure Blob storage: cannot upload '" + target(name) + "': more than "
                        + MAX_BLOCKS + " blocks of " + BLOCK_SIZE + " bytes");
            }
            whole.update(buffer, 0, n);
            byte[] blockMd5 = md5(buffer, n);
            String id = blockId(ids.size(), blockMd5);
            ids.add(id);
            Long heldSize = held.get(id);
            if (heldSize != null && heldSize == n) {
                reused++;
            } else {
                BinaryData data = BinaryData.fromBytes(n == buffer.length ? buffer : Arrays.copyOf(buffer, n));
                try {
                    blob.stageBlockWithResponse(new BlockBlobStageBlockOptions(id, data).setContentMd5(blockMd5),
                            null, Context.NONE);
                } catch (RuntimeException e) {
                    throw errors.of("upload", target(name), e);
                }
                staged++;
            }
            total += n;
            if (n < BLOCK_SIZE && length < 0) {
                break;
            }
        }
        try {
            blob.commitBlockListWithResponse(new BlockBlobCommitBlockListOptions(ids).setHeaders(
                    new BlobHttpHeaders().setContentMd5(whole.digest()).setContentType("application/octet-stream")),
                    null, Context.NONE);
        } catch (RuntimeException e) {
            throw errors.of("upload", target(name), e);
        }
        return new UploadResult(staged, reused, total);
    }

    /** The blocks the service holds for the blob, committed or not, by id, with their sizes. */
    private Map<String, Long> heldBlocks(BlockBlobClient blob, String name) throws IOException {
        Map<String, Long> held = new HashMap<>();
        BlockList list;
        try {
            list = blob.listBlocks(BlockListType.ALL);
        } catch (BlobStorageException e) {
            if (StorageErrors.isBlobNotFound(e)) {
                return held;
            }
            throw errors.of("upload", target(name), e);
        } catch (RuntimeException e) {
            throw errors.of("upload", target(name), e);
        }
        for (Block b : list.getCommittedBlocks()) {
            held.put(b.getName(), b.getSizeLong());
        }
        for (Block b : list.getUncommittedBlocks()) {
            held.put(b.getName(), b.getSizeLong());
        }
        return held;
    }

    /**
     * Block ids of one blob must all have the same length: {@code <index, 6 digits>-<MD5, 32 hex digits>},
     * Base64-encoded as the service wants.
     */
    static String blockId(int index, byte[] md5) {
        String raw = String.format("%06d-%s", index, HexFormat.of().formatHex(md5));
        return Base64.getEncoder().encodeToString(raw.getBytes(StandardCharsets.US_ASCII));
    }

    @Override
    public void put(String name, byte[] content) throws IOException {
        put(name, new ByteArrayInputStream(content), content.length);
    }

    @Override
    public byte[] get(String name) throws IOException {
        try (InputStream in = open(name)) {
            return in.readAllBytes();
        }
    }

    @Override
    public byte[] getRange(String name, long offset, int length) throws IOException {
        byte[] out;
        try (InputStream in = open(name, offset, length)) {
            out = in.readNBytes(length);
        }
        if (out.length < length) {
            throw new EOFException(name + " ends before byte " + (offset + length));
        }
        return out;
    }

    @Override
    public InputStream open(String name) throws IOException {
        return open(name, null);
    }

    @Override
    public InputStream open(String name, long offset, long length) throws IOException {
        return open(name, new BlobRange(offset, length));
    }

    @Override
    public PendingObject create(String folder) throws IOException {
        Files.createDirectories(spool);
        Path temp = spool.resolve(SPOOL_PREFIX + UUID.randomUUID());
        SpooledObject pending = new SpooledObject(temp);
        WRITING.add(temp);
        return pending;
    }

    /** Removes the spool files nobody writes any more (a process killed while writing); writes in progress stay. */
    @Override
    public int deleteAbandoned() throws IOException {
        if (!Files.isDirectory(spool)) {
            return 0;
        }
        List<Path> spooled;
        try (Stream<Path> files = Files.list(spool)) {
            spooled = files.filter(p -> p.getFileName().toString().startsWith(SPOOL_PREFIX)).toList();
        }
        int removed = 0;
        for (Path file : spooled) {
            if (!WRITING.contains(file) && DurableFiles.abandoned(file) && Files.deleteIfExists(file)) {
                removed++;
            }
        }
        return removed;
    }

    /** An object spooled to a local file until it is committed, then uploaded as one blob. */
    private final class SpooledObject extends LockedTempObject {

        SpooledObject(Path temp) throws IOException {
            super(temp);
        }

        @Override
        protected void commit(String name, FileChannel channel) throws IOException {
            long length = channel.size();
            try (InputStream in = Channels.newInputStream(channel.position(0))) {
                put(name, in, length);
            }
        }

        @Override
        protected void finished() {
            WRITING.remove(temp());
        }
    }

    @Override
    public long size(String name) throws IOException {
        try {
            return container.getBlobClient(name).getProperties().getBlobSize();
        } catch (RuntimeException e) {
            throw readError(name, e);
        }
    }

    private InputStream open(String name, BlobRange range) throws IOException {
        BlobClient blob = container.getBlobClient(name);
        InputStream in;
        try {
            in = range == null ? blob.openInputStream() : blob.openInputStream(range, null);
        } catch (RuntimeException e) {
            throw readError(name, e);
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                try {
                    return super.read();
                } catch (IOException | RuntimeException e) {
                    throw readFailure(name, e);
                }
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                try {
                    return super.read(b, off, len);
                } catch (IOException | RuntimeException e) {
                    throw readFailure(name, e);
                }
            }
        };
    }

    /** What a failed read of a blob tells: that the blob is not there, or how the service failed. */
    private IOException readError(String name, RuntimeException e) {
        if (e instanceof BlobStorageException storage && StorageErrors.isBlobNotFound(storage)) {
            return new NoSuchFileException(target(name), null, "HTTP 404 BlobNotFound");
        }
        return errors.of("read", target(name), e);
    }

    private IOException readFailure(String name, Exception e) {
        Throwable cause = e;
        while (cause != null && !(cause instanceof RuntimeException)) {
            cause = cause.getCause();
        }
        RuntimeException service = cause instanceof RuntimeException r ? r : new RuntimeException(e);
        return errors.of("read", target(name), service);
    }

    @Override
    public List<String> list(String prefix) throws IOException {
        List<String> names = new ArrayList<>();
        try {
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
                names.add(item.getName());
            }
        } catch (RuntimeException e) {
            throw errors.of("list", name() + "/" + (prefix == null ? "" : prefix), e);
        }
        names.sort(null);
        return names;
    }

    @Override
    public boolean exists(String name) throws IOException {
        try {
            return container.getBlobClient(name).exists();
        } catch (RuntimeException e) {
            throw errors.of("check", target(name), e);
        }
    }

    /** Deletes the blob and its snapshots; a blob that is not there is not an error. */
    @Override
    public void delete(String name) throws IOException {
        try {
            container.getBlobClient(name).deleteIfExistsWithResponse(DeleteSnapshotsOptionType.INCLUDE, null, null,
                    Context.NONE);
        } catch (RuntimeException e) {
            throw errors.of("delete", target(name), e);
        }
    }

    /**
     * Server-side when {@code source} is a container of the same account and the service agrees (the service
     * reads the source through a short-lived read SAS, or the SAS this account was opened with); otherwise the
     * blob is streamed through this machine.
     */
    @Override
    public void copyFrom(ObjectStore source, String name) throws IOException {
        if (source instanceof AzureBlobContainer azure && azure.account.sameAccountAs(account)) {
            String sourceUrl = azure.readableUrl(name);
            if (sourceUrl != null && copyServerSide(azure, sourceUrl, name)) {
                return;
            }
        }
        try (InputStream in = source.open(name)) {
            upload(name, in, -1);
        }
    }

    /** False when the service cannot copy this one server-side; throws when the copy failed for good. */
    private boolean copyServerSide(AzureBlobContainer source, String sourceUrl, String name) throws IOException {
        PollResponse<BlobCopyInfo> done;
        try {
            SyncPoller<BlobCopyInfo, Void> poller = container.getBlobClient(name).beginCopy(sourceUrl,
                    Duration.ofSeconds(1));
            done = poller.waitForCompletion();
        } catch (BlobStorageException e) {
            if (StorageErrors.cannotCopyServerSide(e)) {
                return false;
            }
            throw errors.of("copy '" + source.target(name) + "' to", target(name), e);
        } catch (RuntimeException e) {
            throw errors.of("copy '" + source.target(name) + "' to", target(name), e);
        }
        BlobCopyInfo info = done.getValue();
        if (info != null && info.getCopyStatus() == CopyStatusType.SUCCESS) {
            return true;
        }
        // FAILED or ABORTED: the service gave up on it; the streaming copy may still get through
        return false;
    }

    /** The blob's URL with a SAS that lets the service read it, or null when this account cannot give one. */
    private String readableUrl(String name) {
        BlobClient blob = container.getBlobClient(name);
        if (account.hasSharedKey()) {
            BlobServiceSasSignatureValues values = new BlobServiceSasSignatureValues(
                    OffsetDateTime.now().plus(COPY_SOURCE_SAS_LIFETIME), new BlobSasPermission().setReadPermission(true))
                    .setStartTime(OffsetDateTime.now().minusMinutes(5));
            return blob.getBlobUrl() + "?" + blob.generateSas(values);
        }
        return account.sasToken().map(sas -> blob.getBlobUrl() + "?" + sas).orElse(null);
    }

    /** The blob's client, for what the {@link ObjectStore} interface does not cover. */
    public BlockBlobClient blockBlob(String name) {
        return container.getBlobClient(name).getBlockBlobClient();
    }

    private String target(String blob) {
        return name() + "/" + blob;
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no MD5", e);
        }
    }

    private static byte[] md5(byte[] data, int length) {
        MessageDigest d = md5();
        d.update(data, 0, length);
        return d.digest();
    }

    @Override
    public String toString() {
        return "Azure container '" + name() + "' in account '" + account.name() + "'";
    }
}
