package org.seedbench.batch.internal;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.seedbench.backup.RestoreResult;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.RepositoryLocation;

/** {@code seedbench restore JOB --target DIR}: restores a snapshot. */
final class RestoreVerb implements Verb {

    @Override
    public String name() {
        return "restore";
    }

    @Override
    public String summary() {
        return "restore a snapshot of the job into a folder, bit-identical with its metadata";
    }

    @Override
    public String help() {
        return """
                usage: seedbench restore JOB --target DIR [--snapshot ID|latest] [--include GLOB]… [--overwrite] \
                [--from staging|vault] [--passphrase-file F] [--json] [--data DIR]
                  --from WHERE         the staging repository (the default) or the vault
                  --target DIR         where to restore; nothing is ever written outside it
                  --snapshot ID        a snapshot id (or its first characters), or latest (the default)
                  --include GLOB       restore only paths matching GLOB (repeatable)
                  --overwrite          replace existing files (else they are left alone and listed)""";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of(Passphrases.FILE_OPTION, "target", "snapshot", "include", "from");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("overwrite");
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        String job = inv.args().requirePositional("the job's name", usage());
        String target = inv.args().value("target");
        if (target == null || target.isBlank()) {
            throw new InvalidInputException(new Problem("target", null, "is missing", "--target DIR, a folder to restore into"));
        }
        String snapshot = inv.args().value("snapshot") == null ? "latest" : inv.args().value("snapshot");
        RepositoryLocation from = RepositoryLocation.parse(inv.args().value("from"));
        RestoreResult r = Passphrases.withPassphrase(inv, false, (passphrase, progress) ->
                inv.services().repositories().restore(inv.workspace(), job, passphrase, from, snapshot,
                        Path.of(target).toAbsolutePath(), inv.args().values("include"), inv.args().has("overwrite"),
                        progress));
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("snapshot", r.snapshotId());
            m.put("files", r.files());
            m.put("directories", r.directories());
            m.put("symlinks", r.symlinks());
            m.put("bytes", r.bytes());
            m.put("skippedExisting", r.skippedExisting());
            m.put("failed", r.failed().stream().map(RestoreResult.Failure::toString).toList());
            Views.printJsonLine(inv.out(), m);
        } else {
            inv.out().printf("Restored %d files, %d folders, %d links (%s) from snapshot %s into %s%n", r.files(),
                    r.directories(), r.symlinks(), Sizes.decimal(r.bytes()), r.snapshotId(), target);
            if (!r.skippedExisting().isEmpty()) {
                inv.out().println(r.skippedExisting().size() + " files exist already and were left alone "
                        + "(--overwrite replaces them), e.g. " + r.skippedExisting().get(0));
            }
            for (RestoreResult.Failure f : r.failed()) {
                inv.err().println("seedbench restore: could not restore " + f);
            }
        }
        if (!r.failed().isEmpty()) {
            return ExitCode.FAILURE;
        }
        return r.skippedExisting().isEmpty() ? ExitCode.DONE : ExitCode.NEEDS_ACTION;
    }
}
