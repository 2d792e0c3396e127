package org.seedbench.workflow;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.seedbench.core.spi.StagingProvider;
import org.seedbench.core.spi.WorkloadSource;

/**
 * The workload sources and staging providers installed, as they come and go, for the workflow services: each
 * asks here instead of tracking them itself.
 */
@Component(service = InstalledProviders.class)
public class InstalledProviders {

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<WorkloadSource> workloadSources;

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<StagingProvider> stagingProviders;

    /** The workload sources installed now. */
    public List<WorkloadSource> workloadSources() {
        List<WorkloadSource> sources = workloadSources;
        return sources == null ? List.of() : List.copyOf(sources);
    }

    /** The staging providers installed now. */
    public List<StagingProvider> stagingProviders() {
        List<StagingProvider> providers = stagingProviders;
        return providers == null ? List.of() : List.copyOf(providers);
    }
}
