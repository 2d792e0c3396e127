package org.seedbench.ui.jobs;

import org.eclipse.core.runtime.jobs.ISchedulingRule;

/**
 * One scheduling rule per physical drive: two jobs that write the same drive never run at once, jobs on
 * different drives do. A folder drive used for rehearsal is identified by its path.
 *
 * @param device the drive's serial number, device path or folder
 */
public record DriveRule(String device) implements ISchedulingRule {

    @Override
    public boolean contains(ISchedulingRule rule) {
        return equals(rule);
    }

    @Override
    public boolean isConflicting(ISchedulingRule rule) {
        return equals(rule);
    }
}
