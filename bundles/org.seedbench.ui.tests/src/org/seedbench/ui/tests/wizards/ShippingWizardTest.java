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
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.model.Shipment;
import org.seedbench.ui.wizards.ShippingWizard;
import org.seedbench.ui.wizards.WizardIds;

/**
 * "Update shipping details" on two real jobs whose import jobs exist at the embedded local cloud: a tracking number
 * of the other job is refused with the shipping rule's message and Finish stays disabled; another is accepted and
 * the job moves to Shipping with the return address's fields and the return carrier given. Each field of the return
 * address is checked as it is typed (a missing city, a bad email, a short phone number), and the free text of an
 * older catalog is shown read-only above the empty fields.
 */
@ExtendWith({ ServiceExtension.class, OnUiThread.class })
class ShippingWizardTest extends WizardShellBase {
    private static final ReturnShipping FEDEX = new ReturnShipping("FedEx", "FX-123");

    @Test
    void aTrackingNumberOfAnotherJobIsRefusedThenAnotherIsAccepted() throws Exception {
        seeds.created(seeds.name("seed-a"), seeds.serial("SB-A1"), stage, preparation, importJobs);
        SeedingJob b = seeds.created(seeds.name("seed-b"), seeds.serial("SB-B1"), stage, preparation, importJobs);
        importJobs.ship(seeds.workspace(), seeds.name("seed-a"), new Shipment(seeds.name("seed-a"), "FedEx",
                seeds.name("1Z-TRACK-1"), null, List.of(), ShippingWizardBot.CONTOSO, FEDEX), false);

        ShippingWizard wizard = new ShippingWizard(seeds.data(), b, catalogs, importJobs);
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, wizard)) {
            assertTrue(bot.deadline().contains("days left to enter shipping details"), bot.deadline());
            assertFalse(bot.canFinish());
            bot.carrier("FedEx").tracking(seeds.name("1Z-TRACK-1")).returnAddress(ShippingWizardBot.CONTOSO)
                    .returnCarrier("UPS").returnAccount("UPS-123");
            assertEquals("tracking number '" + seeds.name("1Z-TRACK-1") + "': already belongs to another job (allowed: a tracking number "
                    + "that belongs to this job only)", bot.fieldMessage(WizardIds.SHIP_TRACKING));
            assertFalse(bot.canFinish());
            bot.tracking(seeds.name("1Z-TRACK-2"));
            assertEquals("", bot.fieldMessage(WizardIds.SHIP_TRACKING));
            assertTrue(bot.canFinish());
            bot.finish();
            assertFalse(bot.isOpen(), () -> "Finish left the wizard open: " + bot.errorMessage());
        }
        assertEquals(ShippingWizardBot.CONTOSO, wizard.recorded().returnAddress());
        assertEquals(new ReturnShipping("UPS", "UPS-123"), wizard.recorded().returnShipping());
        try (Catalog catalog = catalogs.open(seeds.data())) {
            assertEquals(JobState.SHIPPING, catalog.job(seeds.name("seed-b")).orElseThrow().state());
            Shipment shipment = catalog.shipment(seeds.name("seed-b")).orElseThrow();
            assertEquals(seeds.name("1Z-TRACK-2"), shipment.trackingNumber());
            assertEquals(List.of(seeds.serial("SB-B1")), shipment.driveSerials());
            assertEquals(LocalDate.now(), shipment.shipDate());
        }
    }

    @Test
    void aMissingCityBlocksFinishWithTheFieldsMessage() throws Exception {
        SeedingJob a = seeds.created(seeds.name("seed-c"), seeds.serial("SB-C1"), stage, preparation, importJobs);
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), a, catalogs,
                importJobs))) {
            bot.carrier("UPS").tracking(seeds.name("1Z-9")).returnAddress(ShippingWizardBot.CONTOSO)
                    .returnCarrier("UPS").returnAccount("UPS-1").city("");
            assertEquals("returnAddress.city: is missing (allowed: the city or town)",
                    bot.fieldMessage(WizardIds.SHIP_RETURN_CITY));
            assertEquals("returnAddress.city: is missing (allowed: the city or town)", bot.errorMessage());
            assertFalse(bot.canFinish());
            bot.city("Dublin");
            assertEquals("", bot.fieldMessage(WizardIds.SHIP_RETURN_CITY));
            assertTrue(bot.canFinish(), bot::errorMessage);
        }
    }

    @Test
    void aMissingReturnCarrierAccountBlocksFinish() throws Exception {
        SeedingJob a = seeds.created(seeds.name("seed-f"), seeds.serial("SB-F1"), stage, preparation, importJobs);
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), a, catalogs,
                importJobs))) {
            bot.carrier("UPS").tracking(seeds.name("1Z-F1")).returnAddress(ShippingWizardBot.CONTOSO)
                    .returnCarrier("UPS").returnAccount("x").returnAccount("");
            assertEquals("returnShipping.carrierAccountNumber: is missing (allowed: your account number with the "
                    + "carrier that ships the drives back)", bot.fieldMessage(WizardIds.SHIP_RETURN_ACCOUNT));
            assertFalse(bot.canFinish());
        }
    }

    @Test
    void aBadEmailAndAShortPhoneAreNamedUnderTheirFields() throws Exception {
        SeedingJob a = seeds.created(seeds.name("seed-g"), seeds.serial("SB-G1"), stage, preparation, importJobs);
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), a, catalogs,
                importJobs))) {
            bot.carrier("UPS").tracking(seeds.name("1Z-G1")).returnAddress(ShippingWizardBot.CONTOSO)
                    .returnCarrier("UPS").returnAccount("UPS-1").email("it.contoso.com").phone("555-01");
            assertEquals("returnAddress.email 'it.contoso.com': is not an email address (allowed: e.g. "
                    + "it@contoso.com)", bot.fieldMessage(WizardIds.SHIP_RETURN_EMAIL));
            assertEquals("returnAddress.phone '555-01': has fewer than 6 digits (allowed: a phone number with its "
                    + "country code, e.g. +1 425 555 0100)", bot.fieldMessage(WizardIds.SHIP_RETURN_PHONE));
            assertFalse(bot.canFinish());
            bot.email("it@contoso").phone("555-0100");
            assertTrue(bot.fieldMessage(WizardIds.SHIP_RETURN_EMAIL).startsWith("returnAddress.email 'it@contoso': is not an "
                    + "email address"), bot.fieldMessage(WizardIds.SHIP_RETURN_EMAIL));
            assertEquals("", bot.fieldMessage(WizardIds.SHIP_RETURN_PHONE));
            assertFalse(bot.canFinish());
            bot.email("it@contoso.com");
            assertEquals("", bot.fieldMessage(WizardIds.SHIP_RETURN_EMAIL));
            assertTrue(bot.canFinish(), bot::errorMessage);
        }
    }

    @Test
    void theFreeTextOfAnOlderCatalogIsShownAboveEmptyFields() throws Exception {
        SeedingJob h = seeds.created(seeds.name("seed-h"), seeds.serial("SB-H1"), stage, preparation, importJobs);
        // what the upgrade to catalog schema 4 keeps of an older job: its free text, and the account it gave
        try (Catalog catalog = catalogs.open(seeds.data())) {
            catalog.putReturnDetails(h.name(), new ReturnDetails(ReturnAddress.legacy("Contoso IT, 1 Main St, "
                    + "Redmond"), new ReturnShipping(null, "FX-123")));
        }
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), h, catalogs,
                importJobs))) {
            assertEquals("Contoso IT, 1 Main St, Redmond", bot.legacyText());
            assertTrue(Ui.exists(bot.shell(), WizardIds.SHIP_RETURN_LEGACY));
            for (String id : List.of(WizardIds.SHIP_RETURN_RECIPIENT, WizardIds.SHIP_RETURN_STREET1,
                    WizardIds.SHIP_RETURN_CITY, WizardIds.SHIP_RETURN_POSTAL_CODE, WizardIds.SHIP_RETURN_PHONE,
                    WizardIds.SHIP_RETURN_EMAIL)) {
                assertEquals("", bot.field(id), id);
            }
            assertEquals("", bot.country());
            assertFalse(bot.canFinish(), "the free text is no address the service takes");
            bot.returnAddress(ShippingWizardBot.CONTOSO);
            assertEquals("Ireland (IE)", bot.country());
        }
    }

    @Test
    void theJobsReturnDetailsAreShownBeforeAnyPackage() throws Exception {
        SeedingJob j = seeds.created(seeds.name("seed-j"), seeds.serial("SB-J1"), stage, preparation, importJobs);
        importJobs.updateReturnDetails(seeds.workspace(), j.name(), new ReturnDetails(ShippingWizardBot.CONTOSO,
                new ReturnShipping("DHL", "DHL-7")));
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), j, catalogs,
                importJobs))) {
            assertEquals("Dublin", bot.field(WizardIds.SHIP_RETURN_CITY));
            assertEquals("Ireland (IE)", bot.country());
            assertEquals("DHL-7", bot.field(WizardIds.SHIP_RETURN_ACCOUNT));
            assertEquals(null, bot.legacyText());
            bot.carrier("UPS").tracking(seeds.name("1Z-J1"));
            assertTrue(bot.canFinish(), bot::errorMessage);
        }
    }

    @Test
    void aJobWithoutAnOlderAddressShowsNoFreeText() throws Exception {
        SeedingJob i = seeds.created(seeds.name("seed-i"), seeds.serial("SB-I1"), stage, preparation, importJobs);
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), i, catalogs,
                importJobs))) {
            assertEquals(null, bot.legacyText());
        }
    }

    @Test
    void anotherPackageForAJobThatHasOneNeedsReplaceAndIsRecorded() throws Exception {
        SeedingJob d = seeds.created(seeds.name("seed-d"), seeds.serial("SB-D1"), stage, preparation, importJobs);
        importJobs.ship(seeds.workspace(), d.name(), new Shipment(d.name(), "FedEx", seeds.name("1Z-D1"), null,
                List.of(), ShippingWizardBot.CONTOSO, FEDEX), false);
        SeedingJob shipping;
        try (Catalog catalog = catalogs.open(seeds.data())) {
            shipping = catalog.job(d.name()).orElseThrow();
        }
        try (ShippingWizardBot bot = new ShippingWizardBot(shell, new ShippingWizard(seeds.data(), shipping, catalogs,
                importJobs))) {
            assertEquals("Dublin", bot.field(WizardIds.SHIP_RETURN_CITY), "the job's return details are shown");
            assertTrue(bot.canFinish(), "the package as given may be given again: " + bot.errorMessage());
            bot.phone("+353 1 555 0199");
            assertTrue(bot.canFinish(), "the return details are the job's: changed without replacing the package: "
                    + bot.errorMessage());
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
            bot.carrier("UPS").tracking(seeds.name("1Z-E1")).returnAddress(ShippingWizardBot.CONTOSO)
                    .returnCarrier("UPS").returnAccount("UPS-1")
                    .shipDate(LocalDate.now(java.time.ZoneOffset.UTC).plusYears(3));
            assertTrue(bot.fieldMessage(WizardIds.SHIP_DATE).contains("is in the future"),
                    bot.fieldMessage(WizardIds.SHIP_DATE));
            assertFalse(bot.canFinish());
        }
    }
}
