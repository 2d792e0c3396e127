package org.seedbench.batch.internal;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ServiceScope;
import org.seedbench.batch.cli.CliVerb;
import org.seedbench.batch.cli.ExitCode;
import org.seedbench.batch.cli.Invocation;
import org.seedbench.core.spi.WorkloadSource;

import picocli.CommandLine.Command;

/**
 * {@code seedbench workloads}: the workload sources installed (files, DPM, MABS, partners' plugins), with the
 * bundle that provides each, so an admin sees what {@code init --workload ID:TARGET} accepts.
 */
@Component(service = CliVerb.class, scope = ServiceScope.PROTOTYPE)
@Command(name = "workloads", description = "list the installed workload sources (what init --workload ID:TARGET "
        + "accepts)",
        footer = "With --json, the sources as a JSON array (id, label, kind, bundle, bundleVersion). A bundle that "
                + "registers a WorkloadSource service shows here with no other change.")
public final class WorkloadsVerb implements CliVerb {

    @Override
    public int order() {
        return 20;
    }

    @Override
    public boolean needsCatalog() {
        return false;
    }
    @Override
    public ExitCode run(Invocation inv) throws Exception {
        List<Map<String, Object>> rows = inv.workloadSources().stream()
                .sorted(Comparator.comparing(WorkloadSource::id)).map(WorkloadsVerb::row).toList();
        if (inv.json()) {
            Views.printJson(inv.out(), rows);
            return ExitCode.DONE;
        }
        if (rows.isEmpty()) {
            inv.out().println("No workload source is installed: add a bundle that provides one (files, dpm, mabs…).");
            return ExitCode.DONE;
        }
        String format = "%-10s %-8s %-45s %s%n";
        inv.out().printf(format, "ID", "KIND", "LABEL", "BUNDLE");
        for (Map<String, Object> r : rows) {
            inv.out().printf(format, r.get("id"), r.get("kind"), r.get("label"),
                    r.get("bundle") + (r.get("bundleVersion") == null ? "" : " " + r.get("bundleVersion")));
        }
        return ExitCode.DONE;
    }

    private static Map<String, Object> row(WorkloadSource source) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", source.id());
        m.put("label", source.label());
        m.put("kind", source.kind().name());
        Bundle bundle = FrameworkUtil.getBundle(source.getClass());
        m.put("bundle", bundle == null ? "(not an OSGi bundle)" : bundle.getSymbolicName());
        m.put("bundleVersion", bundle == null ? null : bundle.getVersion().toString());
        return m;
    }
}
