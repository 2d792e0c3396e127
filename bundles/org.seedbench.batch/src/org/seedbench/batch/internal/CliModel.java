package org.seedbench.batch.internal;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;

import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Command;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * The picocli model of the command line: the root command {@code seedbench}, one subcommand per registered verb
 * with the options every verb takes mixed in, and the hidden generators of the completion script and the man page
 * that the build runs. Usage mistakes are said in the CLI's own words: one line naming the mistake, a "did you
 * mean" line when a verb or an option is mistyped, and the verb's usage line.
 */
final class CliModel {
    static final String GLOBAL_OPTIONS = "global";
    static final int WIDTH = 110;
    static final String COMPLETION = "generate-completion";
    static final String MAN_PAGE = "generate-man-page";
    /** What reads every verb's declarations: the generators write them all, a plan reports a step's usage line. */
    private static final Set<String> EVERY_VERB = Set.of(COMPLETION, MAN_PAGE, RunPlanVerb.NAME);

    private CliModel() {
    }

    /** The root command: the verbs are its subcommands. */
    @Command(name = "seedbench", description = "Offline backup seeding: a job's initial backup onto shipped drives, "
            + "through the datacenter into the vault.")
    static final class Root {
        @Option(names = { "-h", "--help" }, usageHelp = true, description = "list the verbs")
        boolean help;

        @Option(names = { "-V", "--version" }, versionHelp = true, description = "print the version")
        boolean version;
    }

    /**
     * The command line of these verbs for one command line's arguments, printing to {@code out} and {@code err}: a
     * verb named in {@code args} is modelled from all its declarations; the others only by what {@code seedbench
     * --help}, an unknown verb's list and "did you mean" read (name, aliases, description, hidden), since picocli
     * reflecting every verb's fields and mixins on each start was most of the command line's start-up. When the
     * arguments name a generator or {@code run-plan} ({@link #EVERY_VERB}), every verb is modelled in full.
     */
    static CommandLine model(List<CliVerb> verbs, List<String> args, PrintWriter out, PrintWriter err) {
        CommandLine root = new CommandLine(new Root());
        List<CliVerb> sorted = new ArrayList<>(verbs);
        sorted.sort(Comparator.comparingInt(CliVerb::order).thenComparing(v -> name(v)));
        boolean all = args.stream().anyMatch(EVERY_VERB::contains);
        for (CliVerb verb : sorted) {
            CommandLine sub = command(verb, all, args);
            if (sub.getCommandSpec().userObject() == verb) {
                sub.getCommandSpec().addMixin(GLOBAL_OPTIONS, CommandSpec.forAnnotatedObject(new GlobalOptions()));
            }
            root.addSubcommand(sub);
        }
        root.addSubcommand(command(new AutoComplete.GenerateCompletion(), all, args));
        root.getSubcommands().get(COMPLETION).getCommandSpec().usageMessage().hidden(true);
        root.addSubcommand(command(new ManPage(), all, args));
        for (String generator : List.of(COMPLETION, MAN_PAGE)) {
            // they write the same whatever the data directory; taken like every verb takes it
            root.getSubcommands().get(generator).getCommandSpec().addOption(OptionSpec.builder("--data")
                    .paramLabel("DIR").arity("1").hidden(true).build());
            root.getSubcommands().get(generator).getCommandSpec().addOption(OptionSpec.builder("--catalog")
                    .paramLabel("URL").arity("1").hidden(true).build());
        }
        root.setOverwrittenOptionsAllowed(true);
        // an argument that starts with @ is a value like any other, never a file to read arguments from
        root.setExpandAtFiles(false);
        root.setUsageHelpWidth(WIDTH);
        root.setOut(out);
        root.setErr(err);
        for (CommandLine c : root.getSubcommands().values()) {
            c.getCommandSpec().usageMessage().synopsisHeading("usage: ").sortOptions(false).sortSynopsis(false)
                    .descriptionHeading("%n").parameterListHeading("%nArguments:%n")
                    .optionListHeading("%nOptions:%n").footerHeading("%n");
        }
        return root;
    }

    /**
     * The command of a verb or generator: in full when {@code full} or when {@code args} name it; else its outline,
     * which picocli never parses into (no argument names it).
     */
    private static CommandLine command(Object command, boolean full, List<String> args) {
        Command declared = command.getClass().getAnnotation(Command.class);
        if (full || declared == null || args.contains(declared.name())
                || List.of(declared.aliases()).stream().anyMatch(args::contains)) {
            return new CommandLine(command);
        }
        CommandSpec outline = CommandSpec.create().name(declared.name()).aliases(declared.aliases());
        outline.usageMessage().description(declared.description()).hidden(declared.hidden());
        return new CommandLine(outline);
    }

    private static String name(CliVerb verb) {
        Command command = verb.getClass().getAnnotation(Command.class);
        return command == null ? verb.getClass().getName() : command.name();
    }

    /** The verbs {@code seedbench --help} lists: not the hidden generators. */
    static List<CommandLine> visibleVerbs(CommandLine root) {
        return root.getSubcommands().values().stream().filter(c -> !c.getCommandSpec().usageMessage().hidden())
                .toList();
    }

    /** A verb's line in {@code seedbench --help}: the first line of its description. */
    static String summary(CommandLine verb) {
        String[] description = verb.getCommandSpec().usageMessage().description();
        return description.length == 0 ? "" : description[0];
    }

    /** The verb's generated usage line, for the line under a usage mistake. */
    static String usageLine(CommandLine verb) {
        return "usage: " + verb.getHelp().synopsis(0).stripTrailing();
    }

    /** The first positional argument given (a verb's job, usually), or {@code null}. */
    static String firstPositional(ParseResult parsed) {
        for (PositionalParamSpec p : parsed.matchedPositionals()) {
            if (!p.stringValues().isEmpty()) {
                return p.stringValues().get(0);
            }
        }
        return null;
    }

    /** Says what is wrong with the command line in the CLI's words, with a suggestion when one fits: exit 2. */
    static ExitCode usageError(ParameterException e, PrintStream err) {
        CommandLine at = e.getCommandLine();
        boolean root = at.getCommandSpec().parent() == null;
        if (root) {
            String word = e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()
                    ? u.getUnmatched().get(0) : "";
            err.println("seedbench: unknown verb '" + word + "'; the verbs are "
                    + String.join(", ", visibleVerbs(at).stream().map(CommandLine::getCommandName).toList()));
            List<String> similar = suggestions(e).stream().filter(s -> at.getSubcommands().containsKey(s)
                    && !at.getSubcommands().get(s).getCommandSpec().usageMessage().hidden()).toList();
            if (!similar.isEmpty()) {
                err.println("Did you mean: " + String.join(" or ", similar.stream().map(s -> "seedbench " + s)
                        .toList()) + "?");
            }
            err.println("usage: seedbench <verb> [options]; seedbench --help lists the verbs");
            return ExitCode.USAGE;
        }
        err.println("seedbench " + at.getCommandName() + ": " + message(e));
        List<String> similar = e instanceof UnmatchedArgumentException u && u.isUnknownOption()
                && !isPassphrase(u.getUnmatched().get(0)) ? suggestions(e) : List.of();
        if (!similar.isEmpty()) {
            err.println("Did you mean: " + String.join(" or ", similar) + "?");
        }
        err.println(usageLine(at));
        return ExitCode.USAGE;
    }

    private static List<String> suggestions(ParameterException e) {
        return e instanceof UnmatchedArgumentException u ? u.getSuggestions().stream().distinct().limit(3).toList()
                : List.of();
    }

    private static boolean isPassphrase(String arg) {
        return arg.equals("--passphrase") || arg.startsWith("--passphrase=");
    }

    private static String message(ParameterException e) {
        if (e instanceof UnmatchedArgumentException u && !u.getUnmatched().isEmpty()) {
            String arg = u.getUnmatched().get(0);
            if (isPassphrase(arg)) {
                return "a passphrase is never taken as an argument, where the shell history and other users see it; "
                        + "use --passphrase-file F or SEEDBENCH_PASSPHRASE";
            }
            if (u.isUnknownOption()) {
                int eq = arg.indexOf('=');
                return "unknown option " + (eq < 0 ? arg : arg.substring(0, eq));
            }
            return "unexpected argument '" + arg + "'";
        }
        if (e instanceof MissingParameterException m && !m.getMissing().isEmpty()) {
            ArgSpec missing = m.getMissing().get(0);
            if (missing instanceof OptionSpec option) {
                return "option " + option.longestName() + " needs a value";
            }
            String[] description = missing.description();
            return "missing " + (description.length == 0 ? missing.paramLabel() : description[0]);
        }
        String message = e.getMessage();
        if (message.contains("should be specified without")) {
            return "option " + message.replaceAll(".*option '([^']*)'.*", "$1") + " takes no value";
        }
        return message.isEmpty() ? message : Character.toLowerCase(message.charAt(0)) + message.substring(1);
    }
}
