package org.seedbench.batch.internal;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.catalog.CatalogBackup;
import org.seedbench.core.rules.Sizes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench catalog backups} and {@code seedbench catalog restore BACKUP}: the copies the catalog keeps of
 * itself, and putting one back when the catalog file is damaged.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "catalog", description = "list the catalog's backups (taken daily and before each upgrade) or restore "
        + "one",
        footer = "backups lists the catalog's backups, newest first: one a day and one before each schema upgrade, "
                + "the newest 5 of each kind, in DIR/catalog-backups.%nrestore BACKUP puts a backup back as the "
                + "catalog (when the catalog file is damaged); the file it replaces is kept as "
                + "DIR/catalog-replaced-<time>.mv.db. Close the workbench and let running commands end first: the "
                + "catalog must not be open.")
public final class CatalogVerb implements CliVerb {
    @Parameters(paramLabel = "backups|restore BACKUP", arity = "0..2", description = "backups, or restore and the "
            + "backup to put back")
    List<String> words = new ArrayList<>();

    @Override
    public int order() {
        return 190;
    }

    @Override
    public boolean needsCatalog() {
        return false;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (words.isEmpty()) {
            throw new UsageException("missing backups or restore", null);
        }
        return switch (words.get(0)) {
        case "backups" -> {
            if (words.size() > 1) {
                throw new UsageException("unexpected argument '" + words.get(1) + "'", null);
            }
            yield backups(inv);
        }
        case "restore" -> {
            if (words.size() != 2) {
                throw new UsageException(words.size() < 2 ? "missing the backup to restore (seedbench catalog "
                        + "backups lists them)" : "unexpected argument '" + words.get(2) + "'", null);
            }
            yield restore(inv, words.get(1));
        }
        default -> throw new UsageException("unknown catalog command '" + words.get(0) + "'", null);
        };
    }

    private static ExitCode backups(Invocation inv) {
        List<CatalogBackup> backups = inv.services().catalogs().backups(inv.dataDirectory());
        if (inv.json()) {
            Views.printJson(inv.out(), backups.stream().map(CatalogVerb::json).toList());
        } else if (backups.isEmpty()) {
            inv.out().println("No catalog backups yet in " + inv.dataDirectory()
                    + ": the catalog takes one a day and before each upgrade");
        } else {
            String format = "%-40s %-16s %-12s %s%n";
            inv.out().printf(format, "BACKUP", "TAKEN", "REASON", "SIZE");
            for (CatalogBackup b : backups) {
                inv.out().printf(format, b.name(), Views.time(b.taken()), b.reason(), Sizes.decimal(b.size()));
            }
        }
        return ExitCode.DONE;
    }

    private static ExitCode restore(Invocation inv, String backup) {
        Optional<Path> replaced = inv.services().catalogs().restore(inv.dataDirectory(), backup);
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("event", "done");
            m.put("restored", backup);
            m.put("replaced", replaced.map(Path::toString).orElse(null));
            Views.printJsonLine(inv.out(), m);
        } else {
            inv.out().println("Restored the catalog of " + inv.dataDirectory() + " from " + backup
                    + replaced.map(p -> "; the file it replaced is kept as " + p).orElse(""));
            inv.out().println("Changes made after the backup was taken are not in it: check seedbench jobs");
        }
        return ExitCode.DONE;
    }

    private static Map<String, Object> json(CatalogBackup b) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("backup", b.name());
        m.put("taken", b.taken().toString());
        m.put("reason", b.reason());
        m.put("size", b.size());
        return m;
    }
}
