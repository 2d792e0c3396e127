package org.seedbench.ui;

import java.util.Map;

import org.seedbench.workflow.VaultService;

/**
 * What the workbench calls the vault, said plainly where the admin chooses or seeds it: a Seedbench repository in
 * a blob container of the job's storage account, not a Recovery Services vault.
 */
public final class VaultWords {
    /** What being a repository in a blob container means for the admin. */
    public static final String MEANING = "Azure Backup's portal, agents and reports do not see it; restore and "
            + "verify with Seedbench; retention, soft delete and immutability are the storage account's settings";

    private VaultWords() {
    }

    /** The vault's container of a job with these properties ({@link VaultService#PROP_CONTAINER}, else the default). */
    public static String container(Map<String, String> jobProperties) {
        return jobProperties.getOrDefault(VaultService.PROP_CONTAINER, VaultService.DEFAULT_CONTAINER);
    }

    /**
     * E.g. {@code a Seedbench repository in the blob container seedbench-vault of contosobackup (not a Recovery
     * Services vault)}.
     */
    public static String describe(String storageAccount, String container) {
        return "a Seedbench repository in the blob container " + container + " of " + storageAccount
                + " (not a Recovery Services vault)";
    }
}
