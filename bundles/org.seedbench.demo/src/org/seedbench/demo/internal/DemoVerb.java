package org.seedbench.demo.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.Sizes;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code seedbench demo}: the whole trip on generated data with the embedded defaults, in a data directory of its
 * own: generate, init, stage, prepare three folder drives (the import job is created and the datacenter's address
 * printed), ship, the simulated datacenter's copy on a compressed clock, seed the vault, change some files, an
 * incremental backup into the vault, a restore from the vault checked byte for byte against the changed source,
 * and cleanup. Each step runs through the command line as a user would type it, with its own figures, and its
 * time.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "demo", description = "run the whole seeding trip on generated data with the embedded local cloud",
        footer = "--data DIR is where the demo keeps its data, catalog, staging, drives and cloud (default: a new "
                + "folder under the temp folder). The demo's job is a rehearsal: its import job runs on a compressed "
                + "clock of its own (" + DemoVerb.DAYS_PER_SECOND + " day a second); no other job's dates move.")
public final class DemoVerb implements CliVerb {
    @Option(names = "--azure", description = "the same trip against Azure's interfaces on this computer: Blob storage "
            + "in Azurite, the import job through the simulated Import/Export REST endpoint on 127.0.0.1")
    boolean azure;

    @Option(names = "--azurite", paramLabel = "URL", defaultValue = AzureRehearsal.DEFAULT_AZURITE,
            description = "Azurite's Blob endpoint (default ${DEFAULT-VALUE})")
    String azurite;

    @Override
    public int order() {
        return 170;
    }
    static final String DEMO_SIZE = "200M";
    /** The demo job's clock at the simulated datacenter (a rehearsal): simulated days per real second. */
    static final String DAYS_PER_SECOND = "1";
    static final int DRIVES = 3;

    @Override
    public boolean needsCatalog() {
        return false;
    }
    @Override
    public ExitCode run(Invocation inv) throws Exception {
        java.net.URI azurite = java.net.URI.create(this.azurite);
        if (azure && !AzureRehearsal.reachable(azurite)) {
            inv.err().println("seedbench demo: Azurite is not reachable at " + azurite + ": "
                    + AzureRehearsal.howToStart(azurite));
            return ExitCode.NEEDS_ACTION;
        }
        long started = System.nanoTime();
        Path data = inv.given("--data") ? inv.dataDirectory()
                : Files.createTempDirectory("seedbench-demo-");
        Files.createDirectories(data);
        String stamp = DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT)
                .format(inv.clock().instant().atZone(inv.clock().getZone()));
        String job = "demo-" + stamp;
        Path dataset = data.resolve("dataset");
        Path restored = data.resolve("restored");
        Path passFile = passphraseFile(data);
        inv.out().println("Seedbench demo in " + data + (azure ? ", against Azurite at " + azurite
                + " and the simulated import service" : ", on the embedded local cloud"));
        String pass = passFile.toString();
        List<Step> steps = new ArrayList<>();
        steps.add(new Step(() -> List.of("generate-dataset", dataset.toString(), "--size", DEMO_SIZE, "--seed", "42")));
        List<String> init = new ArrayList<>(List.of("init", "--name", job, "--staging", data.resolve("staging").toString(),
                "--storage-account", azure ? AzureRehearsal.ACCOUNT : "seedbenchdemo", "--container", "seed",
                "--subscription", "00000000-0000-4000-8000-000000000001", "--location", "westeurope", "--workload",
                "files:" + dataset, "--connector", azure ? "azure" : SeedingJob.DEFAULT_CONNECTOR,
                // the return details go with the job from the start: Data Box asks for them with the import job
                "--return-recipient", "Seedbench demo", "--return-street1", "1 Loopback Lane", "--return-city",
                "Redmond", "--return-state", "WA", "--return-postal-code", "98052", "--return-country", "US",
                "--return-phone", "+1 425 555 0100", "--return-email", "demo@seedbench.example",
                "--return-carrier", "Demo Carrier", "--return-carrier-account", "DEMO-ACCOUNT"));
        if (!azure) {
            // on the Azure route, the simulated import service makes each job it creates a rehearsal
            init.addAll(List.of("--rehearsal", "--days-per-second", DAYS_PER_SECOND));
        }
        steps.add(new Step(() -> init));
        steps.add(new Step(() -> List.of("stage", job, "--passphrase-file", pass)));
        steps.add(new Step(() -> prepareDrives(job, data)));
        steps.add(new Step(() -> List.of("ship", job, "--carrier", "Demo Carrier", "--tracking", "DEMO" + stamp)));
        steps.add(new Step(() -> List.of("status", job, "--watch", "--interval", "1")));
        steps.add(new Step(() -> List.of("seed-vault", job)));
        steps.add(new Step(() -> List.of("generate-dataset", dataset.toString(), "--mutate", "0.05", "--seed", "7")));
        steps.add(new Step(() -> List.of("backup", job, "--passphrase-file", pass)));
        steps.add(new Step(() -> List.of("restore", job, "--from", "vault", "--target", restored.toString(),
                "--passphrase-file", pass)));
        steps.add(new Step(() -> List.of("cleanup", job)));
        List<String> timings = new ArrayList<>();
        try (AutoCloseable rehearsal = azure ? AzureRehearsal.start(inv, data, azurite) : null) {
            ExitCode code = run(inv, steps, dataset, restored, data, timings);
            if (code != ExitCode.DONE) {
                return code;
            }
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        inv.out().println();
        inv.out().println("Step times: " + String.join(", ", timings));
        inv.out().printf(Locale.ROOT, "Demo succeeded in %.1f s: the whole trip, from generated data through drives, "
                + "the simulated datacenter and the vault to a byte-identical restore and cleanup, in %s.%n",
                took.toMillis() / 1000.0, data);
        return ExitCode.DONE;
    }

    private ExitCode run(Invocation inv, List<Step> steps, Path dataset, Path restored, Path data, List<String> timings)
            throws IOException {
        for (Step step : steps) {
            List<String> args = new ArrayList<>(step.args().get());
            String shown = String.join(" ", args);
            args.add("--data");
            args.add(data.toString());
            inv.out().println();
            inv.out().println("==> seedbench " + shown);
            long t0 = System.nanoTime();
            ExitCode code = inv.run(args);
            double seconds = (System.nanoTime() - t0) / 1e9;
            inv.out().printf(Locale.ROOT, "    (%.1f s)%n", seconds);
            timings.add(String.format(Locale.ROOT, "%s %.1f s", args.get(0), seconds));
            if (code != ExitCode.DONE) {
                inv.err().println("seedbench demo: step '" + args.get(0) + "' ended with exit code " + code.code());
                return code;
            }
            if (args.get(0).equals("restore")) {
                inv.out().println();
                inv.out().println("==> comparing " + restored + " with the changed " + dataset);
                String difference = compare(dataset, restored);
                if (difference != null) {
                    inv.err().println("seedbench demo: the data restored from the vault differs from the source: "
                            + difference);
                    return ExitCode.FAILURE;
                }
                long[] count = count(dataset);
                inv.out().printf("Byte-identical: %d files, %s%n", count[0], Sizes.decimal(count[1]));
            }
        }
        return ExitCode.DONE;
    }

    /** A step's command line, made when the step runs (the drives' size depends on what staging stored). */
    private record Step(Supplier<List<String>> args) {
    }

    /** Three folder drives, each a third of the staged seed and some room to spare. */
    private static List<String> prepareDrives(String job, Path data) {
        long stored = sizeOf(data.resolve("staging").resolve(job));
        long capacity = stored / DRIVES + stored / 8 + (16L << 20);
        List<String> args = new ArrayList<>(List.of("prepare-drives", job, "--yes-format"));
        for (int i = 1; i <= DRIVES; i++) {
            args.add("--drive");
            args.add("dir:" + data.resolve("drives").resolve("d" + i) + ",capacity=" + (capacity >> 20) + "M,serial=DEMO-000" + i);
        }
        return args;
    }

    private static long sizeOf(Path folder) {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** A random passphrase for the demo's repository, in a file only the user can read. */
    private static Path passphraseFile(Path data) throws IOException {
        byte[] random = new byte[18];
        new SecureRandom().nextBytes(random);
        Path file = data.resolve("demo-passphrase");
        Files.deleteIfExists(file);
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(file);
        }
        Files.writeString(file, "demo " + HexFormat.of().formatHex(random) + "\n", StandardCharsets.UTF_8);
        return file;
    }

    /** The first difference between two trees, or {@code null} when every file and link is the same. */
    static String compare(Path expected, Path actual) throws IOException {
        List<Path> left = tree(expected);
        List<Path> right = tree(actual);
        List<String> l = left.stream().map(p -> expected.relativize(p).toString()).toList();
        List<String> r = right.stream().map(p -> actual.relativize(p).toString()).toList();
        if (!l.equals(r)) {
            List<String> missing = new ArrayList<>(l);
            missing.removeAll(r);
            List<String> extra = new ArrayList<>(r);
            extra.removeAll(l);
            return "missing " + missing.stream().limit(3).toList() + ", extra " + extra.stream().limit(3).toList();
        }
        for (int i = 0; i < left.size(); i++) {
            Path a = left.get(i);
            Path b = right.get(i);
            if (Files.isSymbolicLink(a)) {
                if (!Files.readSymbolicLink(a).equals(Files.readSymbolicLink(b))) {
                    return "link " + l.get(i) + " points elsewhere";
                }
            } else if (Files.isRegularFile(a, LinkOption.NOFOLLOW_LINKS) && !sameBytes(a, b)) {
                return "content of " + l.get(i);
            }
        }
        return null;
    }

    private static boolean sameBytes(Path a, Path b) throws IOException {
        if (Files.size(a) != Files.size(b)) {
            return false;
        }
        try (InputStream x = Files.newInputStream(a); InputStream y = Files.newInputStream(b)) {
            byte[] bx = new byte[1 << 16];
            byte[] by = new byte[1 << 16];
            int n;
            while ((n = x.readNBytes(bx, 0, bx.length)) > 0) {
                if (y.readNBytes(by, 0, n) != n || !java.util.Arrays.equals(bx, 0, n, by, 0, n)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> !p.equals(root)).sorted().toList();
        }
    }

    private static long[] count(Path root) throws IOException {
        long files = 0;
        long bytes = 0;
        for (Path p : tree(root)) {
            if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
                files++;
                bytes += Files.size(p);
            }
        }
        return new long[] { files, bytes };
    }
}
