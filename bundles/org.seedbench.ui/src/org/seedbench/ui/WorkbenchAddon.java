package org.seedbench.ui;

import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.seedbench.core.events.Topics;
import org.seedbench.ui.jobs.WorkflowJob;

/**
 * Starts the workbench's own services: puts the data directory into the application context (where views and actions
 * take it from), and tells the views when a workflow step ends ({@link SeedbenchUi#TOPIC_STEP_ENDED}, with the
 * failure's line when it failed) and the actions to check their enablement again.
 */
public class WorkbenchAddon {
    @Inject
    private MApplication application;
    @Inject
    private IEventBroker broker;

    private IJobChangeListener listener;

    @PostConstruct
    void start() {
        if (application.getContext().get(SeedbenchUi.DATA_DIRECTORY_KEY) == null) {
            application.getContext().set(SeedbenchUi.DATA_DIRECTORY_KEY, SeedbenchUi.dataDirectory());
        }
        listener = new JobChangeAdapter() {
            @Override
            public void scheduled(IJobChangeEvent event) {
                if (event.getJob() instanceof WorkflowJob) {
                    broker.post(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
                }
            }

            @Override
            public void done(IJobChangeEvent event) {
                if (event.getJob() instanceof WorkflowJob step) {
                    Map<String, Object> properties = new HashMap<>();
                    properties.put(Topics.JOB, step.seedingJob());
                    IStatus result = event.getResult();
                    if (result != null && result.getSeverity() == IStatus.ERROR) {
                        properties.put(SeedbenchUi.STEP_FAILURE, step.getName() + " failed: " + result.getMessage());
                    }
                    broker.post(SeedbenchUi.TOPIC_STEP_ENDED, properties);
                    broker.post(UIEvents.REQUEST_ENABLEMENT_UPDATE_TOPIC, UIEvents.ALL_ELEMENT_ID);
                }
            }
        };
        Job.getJobManager().addJobChangeListener(listener);
    }

    @PreDestroy
    void stop() {
        Job.getJobManager().removeJobChangeListener(listener);
    }
}
