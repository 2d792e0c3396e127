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
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogBackup;
import org.seedbench.catalog.CatalogCopyReport;
import org.seedbench.catalog.EventChainCheck;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.Sizes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code seedbench catalog backups} and {@code seedbench catalog restore BACKUP}: the copies the embedded catalog keeps
 * of itself, and putting one back when the catalog file is damaged; {@code seedbench catalog verify [JOB…]}: the
 * stored event chains; {@code seedbench catalog init-roles} and {@code seedbench catalog copy --to URL}: a shared
 * catalog's roles, and moving a catalog into one.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "catalog", description = "the catalog's backups, its event chains, a shared catalog's roles, copying "
        + "it into a shared one",
        footer = "backups lists the catalog's backups, newest first: one a day and one before each schema upgrade, "
                + "the newest 5 of each kind, in DIR/catalog-backups.%nrestore BACKUP puts a backup back as the "
                + "catalog (when the catalog file is damaged); the file it replaces is kept as "
                + "DIR/catalog-replaced-<time>.mv.db. Close the workbench and let running commands end first: the "
                + "catalog must not be open. Both are for the embedded catalog: a PostgreSQL catalog is backed up "
                + "by its admin (pg_dump).%nverify [JOB...] checks each job's stored event chain (every job when "
                + "none is named).%ninit-roles (with --catalog jdbc:postgresql://...) creates the roles "
                + "seedbench_operator and seedbench_auditor and grants them their rights, printing each SQL "
                + "statement; run it as the catalog's owner, again after an upgrade.%ncopy --to URL copies this "
                + "catalog (the data directory's, or --catalog's) into an empty one, checked by row counts and the "
                + "event chains.")
public final class CatalogVerb implements CliVerb {
    @Parameters(paramLabel = "backups|restore BACKUP|verify [JOB...]|init-roles|copy", arity = "0..*",
            description = "backups; restore and the backup to put back; verify and jobs; init-roles; copy")
    List<String> words = new ArrayList<>();

    @Option(names = "--to", paramLabel = "URL", description = "copy: the catalog to copy into, e.g. "
            + "jdbc:postgresql://HOST/DB")
    String to;

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
        if (to != null && !words.get(0).equals("copy")) {
            throw new UsageException("--to goes with copy only", null);
        }
        return switch (words.get(0)) {
        case "verify" -> verify(inv, words.subList(1, words.size()));
        case "init-roles" -> {
            if (words.size() > 1) {
                throw new UsageException("unexpected argument '" + words.get(1) + "'", null);
            }
            yield initRoles(inv);
        }
        case "copy" -> {
            if (words.size() > 1) {
                throw new UsageException("unexpected argument '" + words.get(1) + "'", null);
            }
            if (to == null || to.isBlank()) {
                throw new UsageException("missing --to URL, the catalog to copy into", null);
            }
            yield copy(inv, to.strip());
        }
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

    /**
     * The folder of the embedded catalog the invocation works on: the data directory, or the folder a
     * {@code jdbc:h2:file:} URL names.
     *
     * @throws InvalidInputException for a PostgreSQL catalog, whose backups are its admin's
     */
    private static Path embeddedFolder(Invocation inv) throws InvalidInputException {
        String url = inv.catalogUrl();
        if (url == null) {
            return inv.dataDirectory();
        }
        if (url.startsWith(H2_FILE) && Path.of(url.substring(H2_FILE.length())).getParent() != null) {
            return Path.of(url.substring(H2_FILE.length())).getParent();
        }
        throw new InvalidInputException(new Problem("--catalog", redact(url), "is a shared catalog on a server: "
                + "catalog backups and restore are for the embedded catalog", "pg_dump and pg_restore, the "
                + "database admin's tools, for a PostgreSQL catalog"));
    }

    private static ExitCode backups(Invocation inv) throws InvalidInputException {
        List<CatalogBackup> backups = inv.services().catalogs().backups(embeddedFolder(inv));
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

    private static ExitCode restore(Invocation inv, String backup) throws InvalidInputException {
        Optional<Path> replaced = inv.services().catalogs().restore(embeddedFolder(inv), backup);
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

    private static final String H2_FILE = "jdbc:h2:file:";

    /** The URL without a password it may hold. */
    private static String redact(String url) {
        return url.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
    }

    private static ExitCode verify(Invocation inv, List<String> jobs) throws InvalidInputException {
        if (!inv.hasCatalog()) {
            throw Invocation.noCatalog(inv.dataDirectory(), jobs.isEmpty() ? null : jobs.get(0));
        }
        List<Map<String, Object>> results = new ArrayList<>();
        boolean intact = true;
        try (Catalog catalog = inv.openCatalog()) {
            List<String> names = jobs.isEmpty() ? catalog.jobs().stream().map(SeedingJob::name).toList() : jobs;
            for (String name : names) {
                if (catalog.job(name).isEmpty()) {
                    throw new InvalidInputException(new Problem("job", name, "does not exist", "a job of seedbench "
                            + "jobs"));
                }
                EventChainCheck check = catalog.verifyEvents(name);
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("job", name);
                m.put("events", check.events());
                m.put("intact", check.intact());
                if (!check.intact()) {
                    m.put("event", check.badId());
                    m.put("problem", check.problem());
                    intact = false;
                    inv.err().println("seedbench catalog: job " + name + ": " + check.problem());
                } else if (!inv.json()) {
                    inv.out().println(name + ": " + check.events() + " events, chain intact");
                }
                results.add(m);
            }
        }
        if (inv.json()) {
            Views.printJson(inv.out(), results);
        }
        return intact ? ExitCode.DONE : ExitCode.FAILURE;
    }

    private static ExitCode initRoles(Invocation inv) throws InvalidInputException {
        String url = inv.catalogUrl();
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            throw new InvalidInputException(new Problem("--catalog", url == null ? "(none)" : redact(url),
                    "is no shared catalog: roles belong to a PostgreSQL catalog", "--catalog jdbc:postgresql://HOST"
                            + "[:PORT]/DATABASE (or SEEDBENCH_CATALOG), as the catalog's owner"));
        }
        List<String> statements = new ArrayList<>();
        List<String> roles = inv.services().catalogs().initRoles(inv.dataDirectory(), url, statement -> {
            statements.add(statement);
            if (!inv.json()) {
                inv.out().println(statement);
            }
        });
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("roles", roles);
            m.put("statements", statements);
            Views.printJson(inv.out(), m);
        } else {
            inv.out().println("Roles ready. Give each person a login and one of them, as the database's admin:");
            inv.out().println("  CREATE ROLE alice LOGIN; GRANT " + roles.get(0) + " TO alice;   -- changes jobs");
            inv.out().println("  CREATE ROLE carol LOGIN; GRANT " + roles.get(1) + " TO carol;    -- reads and "
                    + "exports only");
            inv.out().println("Each person keeps the password in a pgpass file (~/.pgpass), never in the URL; run "
                    + "init-roles again after an upgrade of Seedbench.");
        }
        return ExitCode.DONE;
    }

    private static ExitCode copy(Invocation inv, String target) throws InvalidInputException {
        CatalogCopyReport report = inv.services().catalogs().copy(inv.dataDirectory(), inv.catalogUrl(), target);
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("from", report.from());
            m.put("to", report.to());
            m.put("rows", report.rows());
            m.put("chains", report.chains());
            m.put("verified", true);
            Views.printJson(inv.out(), m);
        } else {
            inv.out().println("Copied the catalog of " + report.from() + " into " + report.to() + ":");
            report.rows().forEach((table, rows) -> inv.out().printf("  %-22s %d rows, the same in both%n", table,
                    rows));
            inv.out().println("  " + report.chains() + " event chains, each verified");
            inv.out().println("Work on it with --catalog " + report.to() + " (or SEEDBENCH_CATALOG); the old catalog "
                    + "is left as it was");
        }
        return ExitCode.DONE;
    }
}
