package org.seedbench.ui.handlers;

import jakarta.inject.Inject;

import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.swt.widgets.Shell;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.JobStates;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.workflow.JobLifeService;
import org.seedbench.workflow.Workspace;

/**
 * Edit: a Draft or Staged job's inputs and workloads, as {@code seedbench edit} changes them. The dialog makes the
 * edit when OK is pressed, so a refused edit keeps it open with what was typed; no step runs after it, and the
 * catalog's change reloads the Jobs view.
 */
public class EditJobHandler extends WorkflowAction {
    @Inject
    @Service
    private JobLifeService life;

    @Override
    protected boolean allows(SeedingJob job) {
        return JobStates.canEdit(job.state());
    }

    @Override
    protected WorkflowJob step(SeedingJob job, Workspace data, Shell shell) {
        SeedingJob now;
        try (Catalog catalog = data.catalog()) {
            now = catalog.job(job.name()).orElse(job); // the inputs as recorded now, not as the view last read them
        }
        new EditJobDialog(shell, now, changes -> life.edit(data, now.name(), changes)).open();
        return null;
    }
}
