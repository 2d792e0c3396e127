package org.seedbench.backup;

/**
 * How a repository cuts and packs data, fixed when it is created and kept in its {@code config}.
 *
 * @param minChunkSize     smallest chunk in bytes (except a file's last)
 * @param averageChunkSize the chunk size aimed at, a power of two
 * @param maxChunkSize     largest chunk in bytes
 * @param packSize         the size a pack file is closed at (a pack holds at least one blob, so it can be
 *                         larger by up to one blob)
 * @param compressionLevel zstd level, 1–19
 * @param scryptLogN       the passphrase key derivation's cost: scrypt N = 2^scryptLogN (15–22)
 */
public record RepositoryOptions(int minChunkSize, int averageChunkSize, int maxChunkSize, long packSize,
        int compressionLevel, int scryptLogN) {

    /** 256 KiB. */
    public static final int DEFAULT_MIN_CHUNK = 256 * 1024;
    /** 1 MiB. */
    public static final int DEFAULT_AVERAGE_CHUNK = 1024 * 1024;
    /** 4 MiB. */
    public static final int DEFAULT_MAX_CHUNK = 4 * 1024 * 1024;
    /** 64 MiB. */
    public static final long DEFAULT_PACK_SIZE = 64L * 1024 * 1024;
    /** zstd level 3: the speed and ratio measured best for seeding. */
    public static final int DEFAULT_COMPRESSION_LEVEL = 3;
    /** scrypt N = 2^15, r = 8, p = 1. */
    public static final int DEFAULT_SCRYPT_LOG_N = 15;

    public RepositoryOptions {
        if (averageChunkSize < 256 || Integer.bitCount(averageChunkSize) != 1) {
            throw new IllegalArgumentException("the average chunk size must be a power of two of at least 256 bytes");
        }
        if (minChunkSize < 64 || minChunkSize >= averageChunkSize || maxChunkSize <= averageChunkSize
                || maxChunkSize > 64 * 1024 * 1024) {
            throw new IllegalArgumentException(
                    "chunk sizes must keep 64 <= min < average < max <= 64 MiB; got " + minChunkSize + ", "
                            + averageChunkSize + ", " + maxChunkSize);
        }
        if (packSize < 4096 || packSize > (1L << 32)) {
            throw new IllegalArgumentException("the pack size must be between 4 KiB and 4 GiB; got " + packSize);
        }
        if (compressionLevel < 1 || compressionLevel > 19) {
            throw new IllegalArgumentException("the zstd level must be between 1 and 19; got " + compressionLevel);
        }
        if (scryptLogN < 15 || scryptLogN > 22) {
            throw new IllegalArgumentException("scrypt's log2(N) must be between 15 and 22; got " + scryptLogN);
        }
    }

    /** 256 KiB / 1 MiB / 4 MiB chunks, 64 MiB packs, zstd 3, scrypt N = 2^15. */
    public static RepositoryOptions defaults() {
        return new RepositoryOptions(DEFAULT_MIN_CHUNK, DEFAULT_AVERAGE_CHUNK, DEFAULT_MAX_CHUNK, DEFAULT_PACK_SIZE,
                DEFAULT_COMPRESSION_LEVEL, DEFAULT_SCRYPT_LOG_N);
    }

    /** These options with another pack size (tests use small packs). */
    public RepositoryOptions withPackSize(long size) {
        return new RepositoryOptions(minChunkSize, averageChunkSize, maxChunkSize, size, compressionLevel,
                scryptLogN);
    }

    /** These options with other chunk sizes. */
    public RepositoryOptions withChunkSizes(int min, int average, int max) {
        return new RepositoryOptions(min, average, max, packSize, compressionLevel, scryptLogN);
    }
}
