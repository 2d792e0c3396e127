package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;

import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.CleanupOutcome;

/** {@code seedbench cleanup JOB}: deletes the import container's blobs and staging once the vault holds the seed. */
final class CleanupVerb implements Verb {

    @Override
    public String name() {
        return "cleanup";
    }

    @Override
    public String summary() {
        return "delete the job's import container blobs and staging repository once the vault holds the seed";
    }

    @Override
    public String help() {
        return """
                usage: seedbench cleanup JOB [--json] [--data DIR]
                Checks that the vault holds every object of the staging repository and of the import container
                (SHA-256), then deletes the job's blobs from the import container and the staging repository.
                Refused (exit 3, nothing deleted) while the vault lacks anything: run seedbench seed-vault JOB.""";
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = inv.args().requirePositional("the job's name", usage());
        CleanupOutcome o = TerminalProgress.with(inv, progress -> inv.services().vault().cleanup(inv.workspace(), job, progress));
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("job", job);
            m.put("vault", o.vault());
            m.put("blobsDeleted", o.blobsDeleted());
            m.put("bytesDeleted", o.bytesDeleted());
            m.put("staging", o.staging().toString());
            m.put("stagingBytes", o.stagingBytes());
            m.put("state", "CleanedUp");
            Views.printJsonLine(inv.out(), m);
        } else {
            inv.out().println("Cleaned up " + job + ": deleted " + o.blobsDeleted() + " blobs ("
                    + Sizes.decimal(o.bytesDeleted()) + ") from the import container and the staging repository "
                    + o.staging() + " (" + Sizes.decimal(o.stagingBytes()) + "); the seed is in " + o.vault());
        }
        return ExitCode.DONE;
    }
}
