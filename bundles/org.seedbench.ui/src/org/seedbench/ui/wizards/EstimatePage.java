package org.seedbench.ui.wizards;

import java.util.function.Supplier;

import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.wizard.WizardPage;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Text;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.spi.Progress;
import org.seedbench.workflow.EstimateService;
import org.seedbench.workflow.SeedEstimate;

/**
 * The Initiate wizard's last page: the pre-flight estimate of the job as the pages have it (what
 * {@code seedbench estimate} prints), run in the background on a sample of its sources. Optional: Finish does not
 * wait for it.
 */
final class EstimatePage extends WizardPage {
    private final EstimateService estimates;
    private final Supplier<SeedingJob> job;
    private Text bandwidth;
    private Text result;
    private Button run;

    EstimatePage(EstimateService estimates, Supplier<SeedingJob> job) {
        super("estimate");
        this.estimates = estimates;
        this.job = job;
        setTitle("Ship Drives or Upload?");
        setDescription("Estimate the seed from a sample of the sources and compare shipping drives with uploading it.");
    }

    @Override
    public void createControl(Composite parent) {
        Composite c = Fields.twoColumns(parent);
        Fields fields = new Fields(c);
        bandwidth = fields.text("&Bandwidth:", "bandwidth", WizardIds.INIT_ESTIMATE_BANDWIDTH,
                "the network link, e.g. 100Mbit");
        bandwidth.setText("100Mbit");
        run = WizardIds.tag(new Button(c, SWT.PUSH), WizardIds.INIT_ESTIMATE_RUN);
        run.setText("&Estimate");
        run.addListener(SWT.Selection, e -> estimate());
        result = WizardIds.tag(new Text(c, SWT.MULTI | SWT.READ_ONLY | SWT.WRAP | SWT.V_SCROLL),
                WizardIds.INIT_ESTIMATE_RESULT);
        GridData gd = new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1);
        gd.heightHint = 160;
        gd.widthHint = 520;
        result.setLayoutData(gd);
        setControl(c);
    }

    private void estimate() {
        SeedingJob j = job.get();
        long bits;
        try {
            bits = EstimateService.bitsPerSecond("bandwidth", bandwidth.getText());
        } catch (InvalidInputException e) {
            setErrorMessage(e.getMessage());
            return;
        }
        setErrorMessage(null);
        run.setEnabled(false);
        result.setText("Sampling the sources of " + j.name() + "…");
        EstimateService.Request request = new EstimateService.Request(bits,
                EstimateService.Request.DEFAULT_UTILISATION, EstimateService.Request.DEFAULT_TRANSIT_DAYS,
                EstimateService.Request.DEFAULT_PROCESSING_DAYS, 8_000_000_000_000L, 0, 1);
        var display = result.getDisplay();
        Job work = Job.create("Estimating " + j.name(), monitor -> {
            String text;
            try {
                SeedEstimate e = estimates.estimate(j, request, new Progress() {
                    @Override
                    public boolean isCanceled() {
                        return monitor.isCanceled();
                    }
                });
                text = String.join("\n", e.lines(j.name()));
            } catch (InvalidInputException e) {
                text = e.getMessage();
            } catch (Exception e) {
                text = "The estimate failed: " + e.getMessage();
            }
            String shown = text;
            display.asyncExec(() -> {
                if (!result.isDisposed()) {
                    result.setText(shown);
                    run.setEnabled(true);
                }
            });
            return Status.OK_STATUS;
        });
        work.schedule();
    }
}
