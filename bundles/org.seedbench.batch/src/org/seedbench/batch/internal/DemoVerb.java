package org.seedbench.batch.internal;

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
import java.util.function.Function;
import java.util.stream.Stream;

import org.seedbench.core.rules.Sizes;

/**
 * {@code seedbench demo}: the whole flow on generated data with the embedded defaults, in a data directory of its
 * own. It runs the steps Seedbench has, each through the command line as a user would type it: the seed travels on
 * folder drives through the simulated datacenter into the vault, the dataset changes, an incremental backup goes
 * into the vault, and the restore from the vault is checked byte for byte against the changed source.
 */
final class DemoVerb implements Verb {
    /** The steps of the trip that are not built yet, in the order the demo will run them. */
    static final List<String> STILL_TO_COME = List.of();
    /** The simulated datacenter's speed in the demo: a service day in a real second. */
    static final String DEMO_SECONDS_PER_DAY = "1";
    static final String DEMO_SIZE = "200M";

    private final Function<List<String>, ExitCode> cli;

    /** @param cli runs one command line, as {@code seedbench ARGS…} would */
    DemoVerb(Function<List<String>, ExitCode> cli) {
        this.cli = cli;
    }

    @Override
    public String name() {
        return "demo";
    }

    @Override
    public String summary() {
        return "run the whole seeding flow on generated data with the embedded defaults";
    }

    @Override
    public String help() {
        return """
                usage: seedbench demo [--data DIR]
                  --data DIR  where the demo keeps its data, catalog and staging (default: a new folder under the temp folder)""";
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        inv.args().requireNoPositionals(usage());
        long started = System.nanoTime();
        Path data = inv.args().value("data") != null ? inv.dataDirectory()
                : Files.createTempDirectory("seedbench-demo-");
        Files.createDirectories(data);
        String stamp = DateTimeFormatter.ofPattern("MMddHHmmss", Locale.ROOT)
                .format(inv.clock().instant().atZone(inv.clock().getZone()));
        String job = "demo-" + stamp;
        Path dataset = data.resolve("dataset");
        Path restored = data.resolve("restored");
        Path passFile = passphraseFile(data);
        compressedCloudClock(data);
        inv.out().println("Seedbench demo in " + data);
        List<List<String>> steps = List.of(
                List.of("generate-dataset", dataset.toString(), "--size", DEMO_SIZE, "--seed", "42"),
                List.of("init", "--name", job, "--staging", data.resolve("staging").toString(), "--storage-account",
                        "seedbenchdemo", "--container", "seed", "--subscription", "00000000-0000-4000-8000-000000000001",
                        "--location", "westeurope", "--workload", "files:" + dataset),
                List.of("stage", job, "--passphrase-file", passFile.toString()),
                List.of("verify", job, "--read-data", "--passphrase-file", passFile.toString()),
                List.of("prepare-drives", job, "--yes-format", "--drive", folderDrive(data, "SB-D001"), "--drive",
                        folderDrive(data, "SB-D002")),
                List.of("ship", job, "--carrier", "Demo Carrier", "--tracking", "DEMO-" + stamp, "--return-address",
                        "Seedbench demo, 1 Rehearsal Way", "--return-carrier-account", "DEMO-0001"),
                List.of("status", job, "--watch", "--interval", "1"),
                List.of("seed-vault", job),
                List.of("verify", job, "--from", "vault", "--read-data", "--passphrase-file", passFile.toString()));
        List<List<String>> incremental = List.of(
                List.of("backup", job, "--passphrase-file", passFile.toString()),
                List.of("restore", job, "--from", "vault", "--target", restored.toString(), "--passphrase-file",
                        passFile.toString()),
                List.of("cleanup", job),
                List.of("status", job));
        ExitCode failed = runSteps(inv, data, steps);
        if (failed == null) {
            changeDataset(inv, dataset);
            failed = runSteps(inv, data, incremental);
        }
        if (failed != null) {
            return failed;
        }
        inv.out().println();
        inv.out().println("==> comparing " + restored + " with " + dataset);
        String difference = compare(dataset, restored);
        if (difference != null) {
            inv.err().println("seedbench demo: the restored data differs from the source: " + difference);
            return ExitCode.FAILURE;
        }
        long[] count = count(dataset);
        inv.out().printf("Byte-identical: %d files, %s%n", count[0], Sizes.decimal(count[1]));
        if (!STILL_TO_COME.isEmpty()) {
            inv.out().println();
            inv.out().println("Not built yet, so not run: " + String.join(", ", STILL_TO_COME) + ".");
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        inv.out().printf(Locale.ROOT, "Demo succeeded in %.1f s: generate, init, stage, verify, prepare-drives, ship, "
                + "the simulated datacenter copy, seed-vault, an incremental backup, the restore from the vault with "
                + "its byte-for-byte check and cleanup ran on %s.%n",
                took.toMillis() / 1000.0, data);
        return ExitCode.DONE;
    }

    /** Runs the steps through the command line; the exit code of the first that fails, null when all are done. */
    private ExitCode runSteps(Invocation inv, Path data, List<List<String>> steps) {
        for (List<String> step : steps) {
            List<String> args = new ArrayList<>(step);
            args.add("--data");
            args.add(data.toString());
            inv.out().println();
            inv.out().println("==> seedbench " + String.join(" ", step));
            ExitCode code = cli.apply(args);
            if (code != ExitCode.DONE) {
                inv.err().println("seedbench demo: step '" + step.get(0) + "' ended with exit code " + code.code());
                return code;
            }
        }
        return null;
    }

    /** Changes the source after seeding, as the days until the next backup would: one new file, one longer. */
    private static void changeDataset(Invocation inv, Path dataset) throws IOException {
        inv.out().println();
        inv.out().println("==> changing the dataset after seeding: a new file of 1 MB, one file longer");
        byte[] fresh = new byte[1 << 20];
        new SecureRandom().nextBytes(fresh);
        Files.write(dataset.resolve("after-seeding.bin"), fresh);
        try (Stream<Path> files = Files.walk(dataset)) {
            Path first = files.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .filter(Files::isWritable).sorted().findFirst()
                    .orElseThrow();
            Files.writeString(first, "\nchanged after seeding\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.APPEND);
        }
    }

    /** A folder drive of the demo, large enough to take half the seed or more. */
    private static String folderDrive(Path data, String serial) {
        return "dir:" + data.resolve("folder-drives").resolve(serial) + ",capacity=" + DEMO_SIZE + ",serial=" + serial;
    }

    /** The local cloud's datacenter runs a day a second in the demo, unless its settings say otherwise. */
    private static void compressedCloudClock(Path data) throws IOException {
        Path settings = data.resolve("connectors").resolve("local.properties");
        if (!Files.exists(settings)) {
            Files.createDirectories(settings.getParent());
            Files.writeString(settings, "# the demo's simulated datacenter: real seconds per service day\n"
                    + "secondsPerDay=" + DEMO_SECONDS_PER_DAY + "\n", StandardCharsets.UTF_8);
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
