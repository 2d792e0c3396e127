package org.seedbench.ui.wizards;

import java.lang.reflect.InvocationTargetException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.eclipse.jface.wizard.Wizard;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.Drive;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.ShippingRules;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.workflow.ImportJobService;
import org.seedbench.workflow.Workspace;
import org.seedbench.workflow.Workspaces;

/**
 * "Update shipping details": carrier, tracking number, ship date, the return address in the import services'
 * fields and the return carrier and account, with the shipping and return rules checked as they are typed (a
 * tracking number belongs to one job only; one package carries the drives of one job only). The return details
 * start as the job has them ({@link ImportJobService#returnDetails}), given with {@code init} or
 * {@code return-address} before any package. Finish gives them to the import service ({@link ImportJobService#ship}); what the
 * service refuses is shown under its field and nothing is recorded.
 */
public class ShippingWizard extends Wizard {
    private final Workspace workspace;
    private final SeedingJob job;
    private final ImportJobService importJobs;
    private final List<String> jobSerials;
    private final List<String> otherTracking = new ArrayList<>();
    private final List<String> otherSerials;
    private final Shipment current;
    private final ReturnDetails returns;
    private final ShippingRules.Deadline deadline;
    private ShippingPage page;
    private Shipment recorded;

    /** The wizard outside the workbench, on workspaces of this catalog service (tests). */
    public ShippingWizard(Path dataDirectory, SeedingJob job, CatalogService catalogs, ImportJobService importJobs) {
        this(dataDirectory, null, job, new Workspaces(catalogs), importJobs);
    }

    /**
     * @param catalogUrl the workbench's catalog; null for the embedded one in the data directory
     * @param workspaces the workbench's {@link Workspaces} service
     */
    public ShippingWizard(Path dataDirectory, String catalogUrl, SeedingJob job, Workspaces workspaces,
            ImportJobService importJobs) {
        this.workspace = SeedbenchUi.open(workspaces, dataDirectory, catalogUrl);
        this.job = job;
        this.importJobs = importJobs;
        Map<String, String> props;
        try (Catalog catalog = workspace.catalog()) {
            jobSerials = catalog.drives(job.name()).stream().filter(d -> d.manifestHash() != null).map(Drive::serial)
                    .toList();
            for (SeedingJob other : catalog.jobs()) {
                if (!other.name().equals(job.name())) {
                    catalog.shipment(other.name()).ifPresent(s -> otherTracking.add(s.trackingNumber()));
                }
            }
            otherSerials = catalog.allDrives().stream().filter(d -> !d.jobName().equals(job.name())).map(Drive::serial)
                    .toList();
            current = catalog.shipment(job.name()).orElse(null);
            props = catalog.jobProperties(job.name());
        }
        ReturnDetails r;
        try {
            r = importJobs.returnDetails(workspace, job.name());
        } catch (InvalidInputException e) {
            r = ReturnDetails.NONE;
        }
        returns = current != null && r.equals(ReturnDetails.NONE)
                ? new ReturnDetails(current.returnAddress(), current.returnShipping()) : r;
        ShippingRules.Deadline d;
        try {
            d = importJobs.deadline(workspace, job, props).orElse(null);
        } catch (InvalidInputException | java.io.IOException e) {
            d = null;
        }
        deadline = d;
        setWindowTitle("Update Shipping Details for " + job.name());
        setNeedsProgressMonitor(true);
    }

    @Override
    public void addPages() {
        page = new ShippingPage(job.name(), jobSerials, otherTracking, otherSerials, current, returns, deadline);
        addPage(page);
    }

    @Override
    public boolean performFinish() {
        Shipment shipment = page.shipment();
        boolean replace = page.replace();
        Shipment[] out = new Shipment[1];
        try {
            getContainer().run(true, false, monitor -> {
                monitor.beginTask("Giving the import service the shipping details of " + job.name(), 1);
                try {
                    out[0] = importJobs.ship(workspace, job.name(), shipment, replace);
                } catch (Exception e) {
                    throw new InvocationTargetException(e);
                } finally {
                    monitor.done();
                }
            });
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof InvalidInputException refused) {
                page.refused(refused.problems());
            } else {
                page.setErrorMessage("The service did not take the shipping details: " + e.getCause().getMessage());
            }
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        recorded = out[0];
        return true;
    }

    /** The shipment as the service recorded it, or null. */
    public Shipment recorded() {
        return recorded;
    }
}
