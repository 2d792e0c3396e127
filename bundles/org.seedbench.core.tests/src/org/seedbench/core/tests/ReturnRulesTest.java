package org.seedbench.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.rules.ReturnRules;

/** The return details the import services require: each missing field by its REST name, and the fields' shapes. */
class ReturnRulesTest {
    private static final ReturnAddress CONTOSO = new ReturnAddress("Contoso IT", "1 Main Street", null, "Dublin",
            null, "D02 X285", "IE", "+353 1 555 0100", "it@contoso.com");

    private static List<String> fields(List<Problem> problems) {
        return problems.stream().map(Problem::field).toList();
    }

    @Test
    void aCompleteAddressAndCarrierPass() {
        assertEquals(List.of(), ReturnRules.check(CONTOSO));
        assertEquals(List.of(), ReturnRules.check(new ReturnShipping("UPS", "U-1")));
    }

    @Test
    void theFreeTextOfAnOlderCatalogLacksEveryRequiredField() {
        assertEquals(List.of("returnAddress.recipientName", "returnAddress.streetAddress1", "returnAddress.city",
                "returnAddress.postalCode", "returnAddress.countryOrRegion", "returnAddress.phone",
                "returnAddress.email"), fields(ReturnRules.check(ReturnAddress.legacy("Contoso IT, 1 Main St, Redmond"))));
    }

    @Test
    void aMissingCityIsNamedWithWhatItHolds() {
        ReturnAddress noCity = new ReturnAddress("Contoso IT", "1 Main Street", null, " ", null, "D02 X285", "IE",
                "+353 1 555 0100", "it@contoso.com");
        assertEquals(List.of("returnAddress.city: is missing (allowed: the city or town)"),
                ReturnRules.check(noCity).stream().map(Problem::message).toList());
    }

    @ParameterizedTest
    @ValueSource(strings = { "it.contoso.com", "@contoso.com", "it@contoso", "it@@contoso.com", "it@contoso.",
            "it@.com", "it @contoso.com", "it@contoso.com@x.org",
            "it@contoso.com." })
    void anEmailOfTheWrongShapeIsRefused(String email) {
        assertFalse(ReturnRules.isEmail(email), email);
    }

    @ParameterizedTest
    @ValueSource(strings = { "it@contoso.com", "a.b@mail.contoso.ie" })
    void anEmailWithOneAtAndADotAfterItPasses(String email) {
        assertTrue(ReturnRules.isEmail(email), email);
    }

    @Test
    void aPhoneNeedsSixDigits() {
        assertEquals("returnAddress.phone '555-01': has fewer than 6 digits (allowed: a phone number with its "
                + "country code, e.g. +1 425 555 0100)",
                ReturnRules.check(new ReturnAddress("Contoso IT", "1 Main Street", null, "Dublin", null, "D02",
                        "IE", "555-01", "it@contoso.com")).get(0).message());
        assertTrue(ReturnRules.isPhone("(01) 555-01"));
    }

    @Test
    void aCountryIsItsTwoLetterIsoCode() {
        assertTrue(ReturnRules.isCountry("IE"));
        assertFalse(ReturnRules.isCountry("Ireland"));
        assertFalse(ReturnRules.isCountry("ie"));
        assertEquals(List.of(), ReturnRules.checkFields(new ReturnAddress(null, null, null, null, null, null, "ie",
                null, null)), "typed in small letters on the command line, kept in capitals");
        assertEquals(List.of("returnAddress.countryOrRegion"), fields(ReturnRules.check(new ReturnAddress("Contoso IT",
                "1 Main Street", null, "Dublin", null, "D02", "IRL", "+353 1 555 0100", "it@contoso.com"))));
    }

    @Test
    void theReturnCarrierAndItsAccountAreRequired() {
        assertEquals(List.of("returnShipping.carrierName", "returnShipping.carrierAccountNumber"),
                fields(ReturnRules.check(ReturnShipping.NONE)));
        assertEquals(List.of("returnAddress.city", "returnShipping.carrierAccountNumber"), ReturnRules.missing(
                new ReturnAddress("Contoso IT", "1 Main Street", null, null, null, "D02", "IE", "+353 1 555 0100",
                        "it@contoso.com"), new ReturnShipping("UPS", null)));
        assertTrue(ReturnRules.check(ReturnShipping.NONE).stream().allMatch(ReturnRules::isMissing));
    }
}
