package org.seedbench.workflow;

import java.util.List;

/**
 * What seeding the vault did.
 *
 * @param vault         where the repository now is, e.g. {@code local:contosobackup/seedbench-vault/seed-fs01/}
 * @param copied        blobs copied from the import container into the vault by this run
 * @param bytesCopied   their bytes
 * @param alreadyThere  blobs of the import container the vault already held (an earlier run)
 * @param checked       repository objects this run checked in the vault (SHA-256)
 * @param alreadyChecked objects an earlier run had checked
 * @param repaired      objects missing or damaged in the vault, sent again from staging over the network
 * @param bytesRepaired their bytes
 * @param notImported   what the drives' error logs say the datacenter could not import, one line each
 * @param packs         packs the vault holds, each verified
 * @param alreadySeeded whether the job was Seeded before this run: the run checked the vault and sent again what
 *                      it had lost, and the job stays as it was
 */
public record SeedOutcome(String vault, int copied, long bytesCopied, int alreadyThere, int checked,
        int alreadyChecked, List<String> repaired, long bytesRepaired, List<String> notImported, int packs,
        boolean alreadySeeded) {

    public SeedOutcome {
        repaired = List.copyOf(repaired);
        notImported = List.copyOf(notImported);
    }
}
