package org.seedbench.ui.tests.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.catalog.Catalog;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.ui.wizards.ShippingWizard;
import org.seedbench.ui.wizards.WizardIds;

/**
 * "Update shipping details" on two real jobs whose import jobs exist at the embedded local cloud: a tracking number
 * of the other job is refused with the shipping rule's message and Finish stays disabled; another is accepted and
 * the job moves to Shipping.
 */
@ExtendWith({ ServiceExtension.class, OnUiThread.class })
class ShippingWizardTest extends WizardShellBase {
    @Test
    void aTrackingNumberOfAnotherJobIsRefusedThenAnotherIsAccepted() throws Exception {
        seeds.created(seeds.name("seed-a"), seeds.serial("SB-A1"), stage, preparation, importJobs);
        SeedingJob b = seeds.created(seeds.name("seed-b"), seeds.serial("SB-B1"), stage, preparation, importJobs);
        importJobs.ship(seeds.workspace(), seeds.name("seed-a"), new Shipment(seeds.name("seed-a"), "FedEx", seeds.name("1Z-TRACK-1"), null, List.of(),
                "Contoso IT, 1 Main St, Redmond", "FX-123"));

        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), b, catalogs,
                importJobs))) {
            assertTrue(bot.deadline().contains("days left to enter shipping details"), bot.deadline());
            assertFalse(bot.canFinish());
            bot.carrier("FedEx").tracking(seeds.name("1Z-TRACK-1")).returnAddress("Contoso IT, 1 Main St, Redmond")
                    .returnAccount("FX-123");
            assertEquals("tracking number '" + seeds.name("1Z-TRACK-1") + "': already belongs to another job (allowed: a tracking number "
                    + "that belongs to this job only)", bot.fieldMessage(WizardIds.SHIP_TRACKING));
            assertFalse(bot.canFinish());
            bot.tracking(seeds.name("1Z-TRACK-2"));
            assertEquals("", bot.fieldMessage(WizardIds.SHIP_TRACKING));
            assertTrue(bot.canFinish());
            bot.finish();
            assertFalse(bot.isOpen(), () -> "Finish left the wizard open: " + bot.errorMessage());
        }
        try (Catalog catalog = catalogs.open(seeds.data())) {
            assertEquals(JobState.SHIPPING, catalog.job(seeds.name("seed-b")).orElseThrow().state());
            Shipment shipment = catalog.shipment(seeds.name("seed-b")).orElseThrow();
            assertEquals(seeds.name("1Z-TRACK-2"), shipment.trackingNumber());
            assertEquals(List.of(seeds.serial("SB-B1")), shipment.driveSerials());
            assertEquals(LocalDate.now(), shipment.shipDate());
        }
    }

    @Test
    void missingReturnDetailsKeepFinishDisabled() throws Exception {
        SeedingJob a = seeds.created(seeds.name("seed-c"), seeds.serial("SB-C1"), stage, preparation, importJobs);
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), a, catalogs,
                importJobs))) {
            bot.carrier("UPS").tracking(seeds.name("1Z-9")).returnAddress("x").returnAddress("");
            assertEquals("return address: is missing (allowed: where the datacenter sends the drives back)",
                    bot.fieldMessage(WizardIds.SHIP_RETURN_ADDRESS));
            assertFalse(bot.canFinish());
        }
    }

    @Test
    void anotherPackageForAJobThatHasOneNeedsReplaceAndIsRecorded() throws Exception {
        SeedingJob d = seeds.created(seeds.name("seed-d"), seeds.serial("SB-D1"), stage, preparation, importJobs);
        importJobs.ship(seeds.workspace(), d.name(), new Shipment(d.name(), "FedEx", seeds.name("1Z-D1"), null, List.of(),
                "Contoso IT, 1 Main St, Redmond", "FX-123"));
        SeedingJob shipping;
        try (Catalog catalog = catalogs.open(seeds.data())) {
            shipping = catalog.job(d.name()).orElseThrow();
        }
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), shipping, catalogs,
                importJobs))) {
            assertTrue(bot.canFinish(), "the package as given may be given again: " + bot.errorMessage());
            bot.tracking(seeds.name("1Z-D2"));
            assertTrue(bot.fieldMessage(WizardIds.SHIP_REPLACE).startsWith("package: job " + d.name()
                    + " already has a package: 1 drive (" + seeds.serial("SB-D1") + ") with FedEx, tracking "
                    + seeds.name("1Z-D1")), bot.fieldMessage(WizardIds.SHIP_REPLACE));
            assertFalse(bot.canFinish());
            bot.replace(true);
            assertEquals("", bot.fieldMessage(WizardIds.SHIP_REPLACE));
            assertTrue(bot.canFinish());
            bot.finish();
            assertFalse(bot.isOpen(), () -> "Finish left the wizard open: " + bot.errorMessage());
        }
        try (Catalog catalog = catalogs.open(seeds.data())) {
            assertEquals(seeds.name("1Z-D2"), catalog.shipment(d.name()).orElseThrow().trackingNumber());
            assertTrue(catalog.events(d.name()).stream().anyMatch(e -> e.kind().equals("shipping.replaced")),
                    catalog.events(d.name()).toString());
        }
    }

    @Test
    void aShipDateInTheFutureIsRefusedUnderItsField() throws Exception {
        SeedingJob e = seeds.created(seeds.name("seed-e"), seeds.serial("SB-E1"), stage, preparation, importJobs);
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), e, catalogs,
                importJobs))) {
            bot.carrier("UPS").tracking(seeds.name("1Z-E1")).returnAddress("Contoso IT").returnAccount("UPS-1")
                    .shipDate(LocalDate.now(java.time.ZoneOffset.UTC).plusYears(3));
            assertTrue(bot.fieldMessage(WizardIds.SHIP_DATE).contains("is in the future"),
                    bot.fieldMessage(WizardIds.SHIP_DATE));
            assertFalse(bot.canFinish());
        }
    }
}
