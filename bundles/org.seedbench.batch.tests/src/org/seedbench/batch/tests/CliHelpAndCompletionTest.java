package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Hashtable;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.PrototypeServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.test.common.annotation.InjectBundleContext;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.context.BundleContextExtension;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.internal.CommandLine;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The command line on picocli: {@code --version}, each verb's help generated from its declarations, "did you mean"
 * for a mistyped verb or option, a verb contributed by another bundle as a {@link CliVerb} service, and the
 * generated bash completion script and man page.
 */
@ExtendWith(BundleContextExtension.class)
@ExtendWith(ServiceExtension.class)
class CliHelpAndCompletionTest {

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @TempDir
    Path data;

    @Test
    void versionPrintsTheProductVersion() {
        Bundle batch = FrameworkUtil.getBundle(CommandLine.class);
        CliRun run = CliRun.run(cli, data, "--version");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals("seedbench " + batch.getVersion(), run.out().strip());
    }

    @Test
    void helpListsEveryVerbInItsOrder() {
        CliRun run = CliRun.run(cli, data, "--help");
        assertEquals(0, run.exitCode(), run.err());
        List<String> verbs = run.out().lines().filter(l -> l.startsWith("  ")).map(l -> l.strip().split(" +")[0])
                .toList();
        assertEquals(List.of("init", "edit", "workloads", "jobs", "status", "estimate", "events", "stage", "snapshots",
                "verify", "restore", "return-address", "prepare-drives", "drives", "verify-drive", "ship", "reopen",
                "seed-vault", "backup", "forget", "prune", "schedule", "throttle", "retention", "run-due", "cleanup",
                "cancel", "delete", "run-plan", "demo", "generate-dataset", "catalog", "notify", "plugins", "alerts"),
                verbs);
    }

    @Test
    void anArgumentStartingWithAnAtSignIsAValueNotAFileOfArguments() throws IOException {
        Path file = Files.writeString(data.resolve("args"), "--frobnicate\n", StandardCharsets.UTF_8);
        CliRun run = CliRun.run(cli, data, "status", "@" + file);
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("no job '@" + file + "'"), run.err());
    }

    @Test
    void aVerbsHelpIsGeneratedFromItsOptions() {
        CliRun run = CliRun.run(cli, data, "stage", "--help");
        assertEquals(0, run.exitCode(), run.err());
        String help = run.out();
        assertTrue(help.startsWith("usage: seedbench stage "), help);
        assertTrue(help.contains("JOB"), help);
        assertTrue(help.contains("--passphrase-file=F"), help);
        assertTrue(help.contains("read the backup passphrase from the first line of F"), help);
        assertTrue(help.contains("--data=DIR") && help.contains("--json") && help.contains("--debug"), help);
        assertTrue(help.contains("Exit 4: completed with warnings"), help);
        assertEquals(0, CliRun.run(cli, data, "stage", "-h").exitCode());
    }

    @Test
    void aMistypedVerbIsRefusedWithTheVerbItResembles() {
        CliRun run = CliRun.run(cli, data, "stgae", "seed-fs01");
        assertEquals(2, run.exitCode());
        assertTrue(run.errLines().get(0).startsWith("seedbench: unknown verb 'stgae'; the verbs are init, "),
                run.err());
        assertTrue(run.errLines().stream().anyMatch(l -> l.startsWith("Did you mean: seedbench stage")), run.err());
        assertTrue(run.err().contains("usage: seedbench"), run.err());
        assertEquals("", run.out());
    }

    @Test
    void aMistypedOptionIsRefusedWithTheOptionItResembles() {
        CliRun run = CliRun.run(cli, data, "stage", "seed-fs01", "--passphrase-fil", "/tmp/p");
        assertEquals(2, run.exitCode());
        assertEquals("seedbench stage: unknown option --passphrase-fil", run.errLines().get(0));
        assertEquals("Did you mean: --passphrase-file?", run.errLines().get(1));
        assertTrue(run.errLines().get(2).startsWith("usage: seedbench stage "), run.err());
    }

    @Test
    void usageMistakesKeepTheirWords() {
        assertEquals(List.of("seedbench status: missing the job's name"),
                CliRun.run(cli, data, "status").errLines().subList(0, 1));
        assertEquals("seedbench stage: a passphrase is never taken as an argument, where the shell history and "
                + "other users see it; use --passphrase-file F or SEEDBENCH_PASSPHRASE",
                CliRun.run(cli, data, "stage", "j", "--passphrase=secret-secret-secret").errLines().get(0));
        assertEquals("seedbench stage: unexpected argument 'k'",
                CliRun.run(cli, data, "stage", "j", "k").errLines().get(0));
        assertEquals("seedbench init: option --name needs a value", CliRun.run(cli, data, "init", "--name")
                .errLines().get(0));
        CliRun twice = CliRun.run(cli, data, "jobs", "--json", "--data", data.resolve("x").toString());
        assertEquals(0, twice.exitCode(), "the last --data counts, as before: " + twice.err());
    }

    /**
     * A verb of another bundle: registered as a prototype CliVerb service, it is a verb like the others. It keeps the
     * model picocli made of it, when one was made.
     */
    @Command(name = "partner-hello", aliases = "partner-hi", description = "say hello from a partner's bundle")
    public static final class PartnerVerb implements CliVerb {
        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "WHO", description = "whom to greet")
        String who;

        @Option(names = "--times", paramLabel = "N", defaultValue = "1", description = "how often")
        int times;

        @Override
        public ExitCode run(Invocation inv) {
            for (int i = 0; i < times; i++) {
                inv.out().println(inv.json() ? "{\"hello\":\"" + who + "\"}" : "Hello, " + who);
            }
            return ExitCode.DONE;
        }

        @Override
        public boolean needsCatalog() {
            return false;
        }
    }

    @Test
    void aVerbRegisteredByAnotherBundleIsParsedHelpedAndRun(@InjectBundleContext BundleContext ctx) {
        assertEquals(2, CliRun.run(cli, data, "partner-hello", "you").exitCode());
        ServiceRegistration<CliVerb> reg = register(ctx, PartnerVerb::new);
        try {
            CliRun run = CliRun.run(cli, data, "partner-hello", "you", "--times", "2");
            assertEquals(0, run.exitCode(), run.err());
            assertEquals("Hello, you\nHello, you\n", run.out());
            assertEquals("{\"hello\":\"me\"}\n", CliRun.run(cli, data, "partner-hello", "me", "--json").out());
            assertTrue(CliRun.run(cli, data, "--help").out().contains("partner-hello   say hello from a partner's"));
            assertTrue(CliRun.run(cli, data, "partner-hello", "--help").out().contains("--times=N"));
        } finally {
            reg.unregister();
        }
    }

    /** Registers a verb as another bundle does: a prototype {@link CliVerb} service, new for each command line. */
    private static ServiceRegistration<CliVerb> register(BundleContext ctx, Supplier<CliVerb> verbs) {
        return ctx.registerService(CliVerb.class, new PrototypeServiceFactory<CliVerb>() {
            @Override
            public CliVerb getService(Bundle bundle, ServiceRegistration<CliVerb> registration) {
                return verbs.get();
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<CliVerb> registration, CliVerb service) {
            }
        }, new Hashtable<>());
    }

    @Test
    void aCommandLineModelsOnlyTheVerbsItNames(@InjectBundleContext BundleContext ctx) {
        List<PartnerVerb> made = new CopyOnWriteArrayList<>();
        ServiceRegistration<CliVerb> reg = register(ctx, () -> {
            PartnerVerb verb = new PartnerVerb();
            made.add(verb);
            return verb;
        });
        try {
            CliRun jobs = CliRun.run(cli, data, "jobs");
            assertEquals(0, jobs.exitCode(), jobs.err());
            assertFalse(made.isEmpty());
            assertTrue(made.stream().allMatch(v -> v.spec == null), "seedbench jobs modelled the partner's verb");

            assertTrue(CliRun.run(cli, data, "--help").out().contains("partner-hello   say hello from a partner's"));
            CliRun typo = CliRun.run(cli, data, "partner-helo");
            assertEquals(2, typo.exitCode());
            assertTrue(typo.err().contains("the verbs are init, ") && typo.err().contains(", partner-hello"),
                    typo.err());
            assertTrue(typo.err().contains("Did you mean: seedbench partner-hello"), typo.err());
            assertTrue(made.stream().allMatch(v -> v.spec == null), "help and typos read no verb's declarations");

            made.clear();
            assertEquals(0, CliRun.run(cli, data, "partner-hello", "you", "--times", "2").exitCode());
            assertTrue(made.stream().anyMatch(v -> v.spec != null && v.times == 2), "the verb run is modelled");
            made.clear();
            assertEquals(0, CliRun.run(cli, data, "partner-hi", "me").exitCode());
            assertTrue(made.stream().anyMatch(v -> v.spec != null), "a verb run by its alias is modelled");
            CliRun usage = CliRun.run(cli, data, "partner-hello", "you", "--tims", "2");
            assertEquals(2, usage.exitCode());
            assertEquals("Did you mean: --times?", usage.errLines().get(1));
            assertTrue(CliRun.run(cli, data, "generate-completion").out().contains("--times"),
                    "the completion script has every verb's options");
        } finally {
            reg.unregister();
        }
    }

    @Test
    void theGeneratedCompletionScriptCompletesVerbsAndOptionsInBash() throws Exception {
        CliRun generated = CliRun.run(cli, data, "generate-completion");
        assertEquals(0, generated.exitCode(), generated.err());
        Path script = data.resolve("seedbench.bash");
        Files.writeString(script, generated.out(), StandardCharsets.UTF_8);

        List<String> verbs = complete(script, "seedbench", "st");
        assertTrue(verbs.contains("stage") && verbs.contains("status"), verbs.toString());
        assertFalse(verbs.contains("init"), verbs.toString());
        assertTrue(complete(script, "seedbench", "de").contains("demo"), "the demo bundle's verb");
        List<String> options = complete(script, "seedbench", "stage", "--pa");
        assertTrue(options.contains("--passphrase-file"), options.toString());
        List<String> prepare = complete(script, "seedbench", "prepare-drives", "j", "--");
        assertTrue(prepare.containsAll(List.of("--drive", "--yes-format", "--reuse-drive-of", "--json", "--data")),
                prepare.toString());
        assertTrue(complete(script, "seedbench", "ret").contains("return-address"), "the return details' verb");
        List<String> ship = complete(script, "seedbench", "ship", "j", "--return-c");
        assertEquals(List.of("--return-carrier", "--return-carrier-account", "--return-city", "--return-country"),
                ship.stream().sorted().toList(), ship.toString());
    }

    /** What bash completes for the words typed so far (the last one is being completed). */
    private List<String> complete(Path script, String... words) throws IOException, InterruptedException {
        String line = String.join(" ", words);
        StringBuilder array = new StringBuilder();
        for (String w : words) {
            array.append('\'').append(w).append("' ");
        }
        // compopt works only inside a completion bash runs itself; here the function is called directly
        String program = "source '" + script + "' || exit 9\ncompopt() { :; }\n"
                + "COMP_WORDS=(" + array + ")\n"
                + "COMP_CWORD=" + (words.length - 1) + "\n"
                + "COMP_LINE='" + line + "'\nCOMP_POINT=${#COMP_LINE}\n"
                + "fn=$(complete -p seedbench | sed -E 's/.*-F ([^ ]+).*/\\1/')\n"
                + "\"$fn\" seedbench '" + words[words.length - 1] + "' '" + words[words.length - 2] + "'\n"
                + "printf '%s\\n' \"${COMPREPLY[@]}\"\n";
        Path file = data.resolve("complete.sh");
        Files.writeString(file, program, StandardCharsets.UTF_8);
        Process p = new ProcessBuilder("bash", file.toString()).redirectError(data.resolve("bash.err").toFile())
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(data.resolve("bash.err"));
        assertEquals(0, p.exitValue(), out + err);
        assertEquals("", err);
        return out.lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    }

    @Test
    void theManPageIsGeneratedFromTheSameDeclarations() {
        CliRun run = CliRun.run(cli, data, "generate-man-page");
        assertEquals(0, run.exitCode(), run.err());
        String page = run.out();
        assertTrue(page.startsWith(".TH SEEDBENCH 1 "), page);
        assertTrue(page.contains("\n.SS stage\n"), page);
        assertTrue(page.contains("\\fB\\-\\-passphrase\\-file\\fR \\fIF\\fR"), page);
        assertTrue(page.contains("\n.SS demo\n"), "the demo bundle's verb");
        assertTrue(page.contains("\n.SS return\\-address\n") || page.contains("\n.SS return-address\n"), page);
        assertTrue(page.contains("\\-\\-return\\-postal\\-code"), page);
        assertFalse(page.contains("generate-completion") || page.contains("generate\\-completion"), page);
        assertTrue(page.contains(".SH EXIT STATUS"), page);
    }
}
