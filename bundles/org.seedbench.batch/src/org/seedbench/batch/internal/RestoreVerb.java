package org.seedbench.batch.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.backup.RestoreResult;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;
import org.seedbench.workflow.RepositoryLocation;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench restore JOB --target DIR}: restores a snapshot. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "restore", description = "restore a snapshot of the job into a folder, bit-identical with its metadata")
public final class RestoreVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;

    @Option(names = "--target", paramLabel = "DIR", description = "where to restore; nothing is ever written outside "
            + "it")
    String target;

    @Option(names = "--snapshot", paramLabel = "ID", defaultValue = "latest", description = "a snapshot id (or its "
            + "first characters), or latest (the default)")
    String snapshot;

    @Option(names = "--include", paramLabel = "GLOB", description = "restore only paths matching GLOB (repeatable)")
    List<String> include = new ArrayList<>();

    @Option(names = "--overwrite", description = "replace existing files (else they are left alone and listed)")
    boolean overwrite;

    @Mixin
    RepositoryOptions repository;

    @Override
    public int order() {
        return 80;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (target == null || target.isBlank()) {
            throw new InvalidInputException(new Problem("target", null, "is missing", "--target DIR, a folder to "
                    + "restore into"));
        }
        RepositoryLocation from = repository.location();
        RestoreResult r = Passphrases.withPassphrase(inv, false, (passphrase, progress) ->
                inv.services().repositories().restore(inv.workspace(), job, passphrase, from, snapshot,
                        Path.of(target).toAbsolutePath(), include, overwrite,
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
