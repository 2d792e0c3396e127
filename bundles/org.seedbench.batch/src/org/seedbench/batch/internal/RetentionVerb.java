package org.seedbench.batch.internal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.backup.RetentionPolicy;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.batch.cli.UsageException;
import org.seedbench.workflow.RetentionService;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code seedbench retention JOB [--keep-… | --off]}: the job's stored retention policy. */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "retention", description = "show or set the job's retention policy, applied after each scheduled "
        + "backup (forget, then prune)",
        footer = "Without options it shows the policy. The --keep options are forget's; --off removes the policy "
                + "(every snapshot is kept).")
public final class RetentionVerb implements CliVerb {
    @Parameters(paramLabel = "JOB", description = "the job's name")
    String job;
    @Mixin
    KeepOptions keep;
    @Option(names = "--off", description = "remove the policy")
    boolean off;

    @Reference
    RetentionService retention;

    @Override
    public int order() {
        return 146;
    }

    @Override
    public ExitCode run(Invocation inv) throws Exception {
        if (off && keep.given()) {
            throw new UsageException("retention: --off and --keep options exclude each other", null);
        }
        if (off || keep.given()) {
            RetentionPolicy policy = off ? RetentionPolicy.none() : keep.policy();
            retention.setPolicy(inv.workspace(), job, policy);
        }
        Optional<RetentionPolicy> policy = retention.policy(inv.workspace(), job);
        if (inv.json()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("job", job);
            m.put("policy", policy.map(RetentionPolicy::toString).orElse(null));
            Views.printJsonLine(inv.out(), m);
        } else {
            inv.out().println(policy.map(p -> "Retention of " + job + ": keep " + p + ", applied after each scheduled "
                    + "backup").orElse("Retention of " + job + ": none, every snapshot is kept"));
        }
        return ExitCode.DONE;
    }
}
