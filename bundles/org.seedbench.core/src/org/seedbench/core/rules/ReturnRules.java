package org.seedbench.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;

/**
 * The rules of the return details the import services require: every required field of the return address
 * (named by its REST name, as {@link ReturnAddress#missing()} does), an email address shaped as one, a phone
 * number with enough digits, a country or region as its ISO 3166-1 alpha-2 code, and the carrier and account the
 * drives come back with.
 */
public final class ReturnRules {
    public static final String RECIPIENT_NAME = "recipientName";
    public static final String STREET_ADDRESS_1 = "streetAddress1";
    public static final String STREET_ADDRESS_2 = "streetAddress2";
    public static final String CITY = "city";
    public static final String STATE_OR_PROVINCE = "stateOrProvince";
    public static final String POSTAL_CODE = "postalCode";
    public static final String COUNTRY_OR_REGION = "countryOrRegion";
    public static final String PHONE = "phone";
    public static final String EMAIL = "email";
    public static final String RETURN_CARRIER = "return carrier";
    public static final String RETURN_CARRIER_ACCOUNT = "return carrier account";
    /** A phone number has at least this many digits. */
    public static final int PHONE_DIGITS = 6;

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private ReturnRules() {
    }

    /** The problems of a return address: each empty required field, then each filled field of the wrong shape. */
    public static List<Problem> check(ReturnAddress address) {
        List<Problem> problems = new ArrayList<>();
        for (String field : address.missing()) {
            problems.add(new Problem(field, null, "is missing", what(field)));
        }
        if (address.email() != null && !isEmail(address.email())) {
            problems.add(new Problem(EMAIL, address.email(), "is not an email address", what(EMAIL)));
        }
        if (address.phone() != null && !isPhone(address.phone())) {
            problems.add(new Problem(PHONE, address.phone(), "has fewer than " + PHONE_DIGITS + " digits",
                    what(PHONE)));
        }
        if (address.countryOrRegion() != null && !isCountry(address.countryOrRegion())) {
            problems.add(new Problem(COUNTRY_OR_REGION, address.countryOrRegion(), "is not a country code",
                    what(COUNTRY_OR_REGION)));
        }
        return problems;
    }

    /** The problems of the return carrier: it and the admin's account with it are required. */
    public static List<Problem> check(ReturnShipping shipping) {
        List<Problem> problems = new ArrayList<>();
        if (shipping.carrierName() == null) {
            problems.add(new Problem(RETURN_CARRIER, null, "is missing", what(RETURN_CARRIER)));
        }
        if (shipping.carrierAccountNumber() == null) {
            problems.add(new Problem(RETURN_CARRIER_ACCOUNT, null, "is missing", what(RETURN_CARRIER_ACCOUNT)));
        }
        return problems;
    }

    /** One '@' with something before it and a dot in what follows it (not at its end). */
    public static boolean isEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || email.chars().anyMatch(Character::isWhitespace)) {
            return false;
        }
        int dot = email.indexOf('.', at + 1);
        return dot > at + 1 && dot < email.length() - 1;
    }

    /** At least {@link #PHONE_DIGITS} digits, whatever the spaces, dashes and parentheses between them. */
    public static boolean isPhone(String phone) {
        return phone.chars().filter(Character::isDigit).count() >= PHONE_DIGITS;
    }

    /** An ISO 3166-1 alpha-2 code, in capitals (e.g. {@code IE}). */
    public static boolean isCountry(String code) {
        return COUNTRIES.contains(code);
    }

    /** What a field of the return details holds, as the "allowed" part of its problem. */
    public static String what(String field) {
        return switch (field) {
            case RECIPIENT_NAME -> "the person or team the drives go back to";
            case STREET_ADDRESS_1 -> "the street and number";
            case STREET_ADDRESS_2 -> "more of the street address";
            case CITY -> "the city or town";
            case STATE_OR_PROVINCE -> "the state or province";
            case POSTAL_CODE -> "the postal code";
            case COUNTRY_OR_REGION -> "a 2-letter ISO 3166-1 country code, e.g. IE or US";
            case PHONE -> "a phone number of " + PHONE_DIGITS + " or more digits";
            case EMAIL -> "one '@' with a dot after it, e.g. it@contoso.com";
            case RETURN_CARRIER -> "the carrier that ships the drives back";
            case RETURN_CARRIER_ACCOUNT -> "your account number with the carrier that ships the drives back";
            default -> "";
        };
    }
}
