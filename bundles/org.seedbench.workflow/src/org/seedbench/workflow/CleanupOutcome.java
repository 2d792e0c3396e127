package org.seedbench.workflow;

import java.nio.file.Path;

/**
 * What cleanup removed once the vault held the seed.
 *
 * @param vault        where the repository stays
 * @param blobsDeleted blobs of the job deleted from the import container
 * @param bytesDeleted their bytes
 * @param staging      the staging repository's folder, deleted
 * @param stagingBytes its bytes
 */
public record CleanupOutcome(String vault, int blobsDeleted, long bytesDeleted, Path staging, long stagingBytes) {
}
