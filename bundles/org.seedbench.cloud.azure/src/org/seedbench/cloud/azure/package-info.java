/**
 * Azure storage for Seedbench through the Azure SDK for Java: {@link org.seedbench.cloud.azure.AzureBlobStorage}
 * opens the Blob containers of a storage account, reached as a {@link org.seedbench.cloud.azure.StorageAccess}.
 */
@org.osgi.annotation.versioning.Version("1.0.0")
package org.seedbench.cloud.azure;
