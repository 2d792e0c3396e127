package org.seedbench.core.spi;

import java.io.IOException;

/**
 * The cloud side of a seed: the import service (locations, import jobs and their drives) and the storage
 * the data lands in (the import container, then the backup vault). The embedded {@code local} connector
 * keeps everything on the local file system with a datacenter simulator; the {@code azure} connector uses
 * the Azure SDK.
 *
 * <p>A connector holds nothing of a sign-in: {@link #signIn} gives a {@link CloudSession}, the caller's to keep,
 * which does the work. Two sessions (two data directories, two accounts) never interfere.
 *
 * <p>Contract ({@code org.seedbench.testsupport.CloudConnectorContract}): a created job is found by
 * {@link CloudSession#getImportJob} and {@link CloudSession#listImportJobs} in state Creating with its drives
 * Specified; shipping details move it to Shipping; a cancelled job reports Cancelled; objects put into a
 * container read back identical, list by prefix and are gone after delete; two sessions see their own jobs.
 */
@org.osgi.annotation.versioning.ConsumerType
public interface CloudConnector {

    /** e.g. {@code local}, {@code azure}. */
    String id();

    String label();

    /**
     * Signs in with the given settings (connection string, tenant, endpoints…). Secret settings are
     * {@code Secret}s and never logged.
     *
     * @return the signed-in session; the connector keeps no reference to it
     */
    CloudSession signIn(ConnectorSettings settings) throws IOException;
}
