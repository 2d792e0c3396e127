package org.seedbench.batch.internal;

import java.io.PrintWriter;
import java.util.List;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Spec;

/**
 * {@code seedbench generate-man-page}: the man page seedbench(1) in troff, written from the same declarations as
 * the help (each verb's description, synopsis, parameters and options). Hidden: the build runs it and ships
 * {@code man/man1/seedbench.1} in the product.
 */
@Command(name = "generate-man-page", hidden = true, description = "print the man page seedbench(1) (troff)")
final class ManPage implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        out.print(page(spec.parent().commandLine(), org.seedbench.batch.internal.CommandLine.version()));
        out.flush();
    }

    /** The whole page. */
    static String page(CommandLine root, String version) {
        StringBuilder b = new StringBuilder();
        b.append(".TH SEEDBENCH 1 \"\" \"Seedbench ").append(escape(version)).append("\" \"Seedbench Manual\"\n");
        b.append(".SH NAME\nseedbench \\- offline backup seeding, headless\n");
        b.append(".SH SYNOPSIS\n.B seedbench\n.I VERB\n[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n.br\n");
        b.append(".B seedbench\n\\fB\\-\\-help\\fR | \\fB\\-\\-version\\fR\n");
        b.append(".SH DESCRIPTION\n").append(escape(String.join(" ", root.getCommandSpec().usageMessage()
                .description()))).append("\nEach step of the seeding workflow is one verb; ")
                .append("\\fBseedbench\\fR \\fIVERB\\fR \\fB\\-\\-help\\fR shows its options.\n");
        b.append(".SH VERBS\n");
        for (CommandLine verb : CliModel.visibleVerbs(root)) {
            verb(b, verb.getCommandSpec());
        }
        b.append(".SH EXIT STATUS\n");
        for (String[] code : List.of(new String[] { "0", "done" }, new String[] { "1", "failure" },
                new String[] { "2", "usage: the command line is wrong" },
                new String[] { "3", "invalid input: an input breaks a rule of the seeding workflow" },
                new String[] { "4", "needs action: more drives, shipping details, warnings to read" })) {
            b.append(".TP\n.B ").append(code[0]).append('\n').append(escape(code[1])).append('\n');
        }
        b.append(".SH ENVIRONMENT\n");
        b.append(".TP\n.B SEEDBENCH_DATA\nthe data directory (catalog, keys) when \\fB\\-\\-data\\fR is not given; ")
                .append("default \\fI~/.seedbench\\fR\n");
        b.append(".TP\n.B SEEDBENCH_PASSPHRASE\nthe backup passphrase, when \\fB\\-\\-passphrase\\-file\\fR is not ")
                .append("given; at least 16 characters, never an argument\n");
        b.append(".TP\n.B SEEDBENCH_VMARGS\nthe Java options of the launcher (default \\fB\\-Xms32m \\-Xmx320m \\-XX:MinHeapFreeRatio=10 \\-XX:MaxHeapFreeRatio=30\\fR)\n");
        b.append(".SH FILES\n.TP\n.I completion/seedbench.bash\nthe bash (and zsh) completion script, beside ")
                .append("\\fIbin/\\fR in the product\n");
        return b.toString();
    }

    private static void verb(StringBuilder b, CommandSpec verb) {
        b.append(".SS ").append(escape(verb.name())).append('\n');
        b.append(escape(String.join(" ", verb.usageMessage().description()))).append('\n');
        b.append(".PP\n.nf\n").append(escape(verb.commandLine().getHelp().synopsis(0).stripTrailing()))
                .append("\n.fi\n");
        for (PositionalParamSpec p : verb.positionalParameters()) {
            if (!p.hidden()) {
                item(b, "\\fI" + escape(p.paramLabel()) + "\\fR", p);
            }
        }
        for (OptionSpec o : verb.options()) {
            if (!o.hidden()) {
                String names = String.join(", ", List.of(o.names()).stream().map(n -> "\\fB" + escape(n) + "\\fR")
                        .toList());
                item(b, names + (o.arity().max() > 0 ? " \\fI" + escape(o.paramLabel()) + "\\fR" : ""), o);
            }
        }
        String[] footer = verb.usageMessage().footer();
        if (footer.length > 0) {
            b.append(".PP\n").append(escape(String.join(" ", footer).replace("%n", " "))).append('\n');
        }
    }

    private static void item(StringBuilder b, String term, ArgSpec arg) {
        b.append(".TP\n").append(term).append('\n')
                .append(escape(String.join(" ", arg.description()).replace("%n", " "))).append('\n');
    }

    /** Text as troff reads it: backslashes and hyphens escaped, no line starting with a control character. */
    static String escape(String text) {
        String s = text.replace("\\", "\\e").replace("-", "\\-");
        StringBuilder b = new StringBuilder();
        for (String line : s.split("\n", -1)) {
            if (b.length() > 0) {
                b.append('\n');
            }
            if (line.startsWith(".") || line.startsWith("'")) {
                b.append("\\&");
            }
            b.append(line);
        }
        return b.toString();
    }
}
