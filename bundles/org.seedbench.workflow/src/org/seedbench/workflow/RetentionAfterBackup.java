package org.seedbench.workflow;

import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;

/**
 * Applies a job's retention policy ({@code seedbench retention JOB --keep-…}) after each successful scheduled
 * backup: {@code forget} then {@code prune}, as {@link RetentionService#applyPolicy} does. A job without a policy is
 * left alone. A failure is sent as a {@link AlertService#PRUNE_FAILED} alert (once per message) and then reported
 * to the scheduled run, which records it as a warning.
 */
@Component(service = AfterScheduledBackup.class)
public class RetentionAfterBackup implements AfterScheduledBackup {

    @Reference
    private RetentionService retention;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile AlertService alerts;

    @Override
    public void afterScheduledBackup(Workspace workspace, String jobName, VaultBackupOutcome outcome,
            Secret passphrase, Progress progress) throws Exception {
        try {
            retention.applyPolicy(workspace, jobName, passphrase, progress);
        } catch (Exception e) {
            AlertService service = alerts;
            if (service != null) {
                String why = e instanceof InvalidInputException invalid ? invalid.problems().get(0).message()
                        : String.valueOf(e.getMessage());
                try {
                    service.fire(workspace, jobName, AlertService.PRUNE_FAILED, "job " + jobName
                            + ": applying the retention policy after the scheduled backup failed: " + why);
                } catch (Exception notSent) {
                    e.addSuppressed(notSent);
                }
            }
            throw e;
        }
    }
}
