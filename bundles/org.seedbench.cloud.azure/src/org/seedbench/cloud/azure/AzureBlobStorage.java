package org.seedbench.cloud.azure;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;

import org.seedbench.cloud.azure.internal.AzureBlobContainer;
import org.seedbench.cloud.azure.internal.StorageAccount;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.SeedRules;

import com.azure.core.util.Context;

/**
 * The Blob service of one storage account. Opening it sends no request: a wrong key or SAS shows as a clear
 * {@link IOException} on the first operation, never quoting the secret.
 */
public final class AzureBlobStorage {
    private final StorageAccount account;
    private final Path spool;

    private AzureBlobStorage(StorageAccount account, Path spool) {
        this.account = account;
        this.spool = spool;
    }

    /** The account, its containers spooling objects being written in a folder of the system's temporary directory. */
    public static AzureBlobStorage open(StorageAccess access) throws InvalidInputException {
        return open(access, Path.of(System.getProperty("java.io.tmpdir"), "seedbench-spool", AzureCloudConnector.ID));
    }

    /** @param spool the local folder where objects being written wait for their upload (created when needed) */
    public static AzureBlobStorage open(StorageAccess access, Path spool) throws InvalidInputException {
        return new AzureBlobStorage(StorageAccount.open(access), spool);
    }

    public String accountName() {
        return account.name();
    }

    /** The Blob endpoint, e.g. {@code https://contoso.blob.core.windows.net}. */
    public URI accountUrl() {
        return account.url();
    }

    /** A container of the account, which need not exist yet (see {@link #createContainer}). */
    public AzureBlobContainer container(String name) throws InvalidInputException {
        InvalidInputException.throwIfAny(SeedRules.checkContainer(name));
        return new AzureBlobContainer(account, name, spool);
    }

    /** Creates the container when it does not exist yet, and returns it. */
    public AzureBlobContainer createContainer(String name) throws InvalidInputException, IOException {
        AzureBlobContainer container = container(name);
        try {
            account.service().getBlobContainerClient(name).createIfNotExists();
        } catch (RuntimeException e) {
            throw account.errors().of("create container", name, e);
        }
        return container;
    }

    /** Deletes the container and every blob in it; a container that is not there is not an error. */
    public void deleteContainer(String name) throws InvalidInputException, IOException {
        InvalidInputException.throwIfAny(SeedRules.checkContainer(name));
        try {
            account.service().getBlobContainerClient(name).deleteIfExistsWithResponse(null, null, Context.NONE);
        } catch (RuntimeException e) {
            throw account.errors().of("delete container", name, e);
        }
    }

    @Override
    public String toString() {
        return "Azure Blob storage of account '" + account.name() + "'";
    }
}
