package org.seedbench.ui;

import java.util.HashMap;
import java.util.Map;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Inject;
import jakarta.inject.Named;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.IJobChangeListener;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.e4.core.di.annotations.Optional;
import org.eclipse.e4.core.di.extensions.Service;
import org.eclipse.e4.core.services.events.IEventBroker;
import org.eclipse.e4.ui.model.application.MApplication;
import org.eclipse.e4.ui.workbench.UIEvents;
import org.seedbench.catalog.CatalogWatcher;
import org.seedbench.core.events.Topics;
import org.seedbench.ui.jobs.WorkflowJob;
import org.seedbench.ui.jobs.WorkflowProgress;

/**
 * Starts the workbench's own services: puts the data directory and the catalog URL into the application context (where
 * views and actions take them from), follows the workflow's progress ({@link WorkflowProgress}, also in the context), and tells the views when a workflow step ends ({@link SeedbenchUi#TOPIC_STEP_ENDED}, with the
 * failure's line when it failed) and the actions to check their enablement again.
 */
public class WorkbenchAddon {
    @Inject
    private MApplication application;
    @Inject
    private IEventBroker broker;

    @Inject
    @Optional
    @Service
    private CatalogWatcher watcher;

    private IJobChangeListener listener;
    /** The shared catalog being heard, or null. */
    private CatalogWatcher.Watch watch;
    private final WorkflowProgress progress = new WorkflowProgress();

    @PostConstruct
    void start() {
        if (application.getContext().get(SeedbenchUi.DATA_DIRECTORY_KEY) == null) {
            application.getContext().set(SeedbenchUi.DATA_DIRECTORY_KEY, SeedbenchUi.dataDirectory());
        }
        if (application.getContext().get(SeedbenchUi.CATALOG_URL_KEY) == null) {
            application.getContext().set(SeedbenchUi.CATALOG_URL_KEY, new CatalogPreference().effective());
        }
        fitWindowsToScreen();
        progress.install();
        application.getContext().set(WorkflowProgress.class, progress);
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

    /**
     * The model opens the window at 1600×1000, where every column fits; on a smaller screen it opens as large as the
     * screen allows instead of running off it (a size kept from an earlier run is kept when it fits).
     */
    private void fitWindowsToScreen() {
        org.eclipse.swt.widgets.Display display = org.eclipse.swt.widgets.Display.getCurrent();
        if (display == null) {
            return;
        }
        org.eclipse.swt.graphics.Rectangle screen = display.getPrimaryMonitor().getClientArea();
        for (org.eclipse.e4.ui.model.application.ui.basic.MWindow w : application.getChildren()) {
            if (w.getWidth() > screen.width) {
                w.setWidth(screen.width);
            }
            if (w.getHeight() > screen.height) {
                w.setHeight(screen.height);
            }
        }
    }

    /**
     * Hears the catalog the workbench works on when it tells of its changes (a shared PostgreSQL catalog), so that the
     * views follow every computer's changes through the catalog's topics; stops hearing the one before. The watch is
     * in the application context ({@link CatalogWatcher.Watch}) while it runs.
     */
    @Inject
    @Optional
    void catalogUrl(@Named(SeedbenchUi.CATALOG_URL_KEY) String catalogUrl) {
        if (watch != null) {
            watch.close();
            watch = null;
            application.getContext().remove(CatalogWatcher.Watch.class);
        }
        if (watcher != null && watcher.notifies(catalogUrl)) {
            watch = watcher.watch(catalogUrl);
            application.getContext().set(CatalogWatcher.Watch.class, watch);
        }
    }

    @PreDestroy
    void stop() {
        if (watch != null) {
            watch.close();
        }
        Job.getJobManager().removeJobChangeListener(listener);
        progress.uninstall();
    }
}
