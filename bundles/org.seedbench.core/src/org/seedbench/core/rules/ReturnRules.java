package org.seedbench.core.rules;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;

/**
 * The rules of the return details the import services require: every required field of the return address
 * (named {@code returnAddress.} or {@code returnShipping.} and its REST name, the one naming of the CLI, the
 * workflow and the workbench), an email address shaped as one, a phone
 * number with enough digits, a country or region as its ISO 3166-1 alpha-2 code, and the carrier and account the
 * drives come back with.
 */
public final class ReturnRules {
    /** Problem field prefix of a return address field, followed by its REST name (e.g. {@code returnAddress.city}). */
    public static final String ADDRESS = "returnAddress.";
    /** Problem field prefix of the return carrier's fields, followed by the REST name. */
    public static final String SHIPPING = "returnShipping.";
    public static final String RECIPIENT_NAME = ADDRESS + "recipientName";
    public static final String STREET_ADDRESS_1 = ADDRESS + "streetAddress1";
    public static final String STREET_ADDRESS_2 = ADDRESS + "streetAddress2";
    public static final String CITY = ADDRESS + "city";
    public static final String STATE_OR_PROVINCE = ADDRESS + "stateOrProvince";
    public static final String POSTAL_CODE = ADDRESS + "postalCode";
    public static final String COUNTRY_OR_REGION = ADDRESS + "countryOrRegion";
    public static final String PHONE = ADDRESS + "phone";
    public static final String EMAIL = ADDRESS + "email";
    public static final String RETURN_CARRIER = SHIPPING + "carrierName";
    public static final String RETURN_CARRIER_ACCOUNT = SHIPPING + "carrierAccountNumber";
    /** A phone number has at least this many digits. */
    public static final int PHONE_DIGITS = 6;
    private static final String MISSING = "is missing";

    private static final Set<String> COUNTRIES = Set.of(Locale.getISOCountries());

    private ReturnRules() {
    }

    /** The problems of a return address: each empty required field, then each filled field of the wrong shape. */
    public static List<Problem> check(ReturnAddress address) {
        List<Problem> problems = new ArrayList<>();
        for (String field : address.missing()) {
            problems.add(missing(ADDRESS + field));
        }
        problems.addAll(checkFields(address));
        return problems;
    }

    /**
     * The filled fields of an address that cannot be right: an email without one '@' and a dot after it, a phone
     * number with fewer than {@value #PHONE_DIGITS} digits, a country that is not an ISO 3166-1 alpha-2 code (in
     * either case, as typed on the command line: the workflow keeps it in capitals), each with the value as given.
     */
    public static List<Problem> checkFields(ReturnAddress address) {
        List<Problem> problems = new ArrayList<>();
        if (address.email() != null && !isEmail(address.email())) {
            problems.add(new Problem(EMAIL, address.email(), "is not an email address", "e.g. it@contoso.com"));
        }
        if (address.phone() != null && !isPhone(address.phone())) {
            problems.add(new Problem(PHONE, address.phone(), "has fewer than " + PHONE_DIGITS + " digits",
                    "a phone number with its country code, e.g. +1 425 555 0100"));
        }
        if (address.countryOrRegion() != null
                && !isCountry(address.countryOrRegion().toUpperCase(Locale.ROOT))) {
            problems.add(new Problem(COUNTRY_OR_REGION, address.countryOrRegion(),
                    "is not a two-letter ISO 3166-1 country code", "e.g. US, GB, DE, NL"));
        }
        return problems;
    }

    /** The problems of the return carrier: it and the admin's account with it are required. */
    public static List<Problem> check(ReturnShipping shipping) {
        List<Problem> problems = new ArrayList<>();
        if (shipping.carrierName() == null) {
            problems.add(missing(RETURN_CARRIER));
        }
        if (shipping.carrierAccountNumber() == null) {
            problems.add(missing(RETURN_CARRIER_ACCOUNT));
        }
        return problems;
    }

    /**
     * The return details the services require that are still empty, by their problem fields ({@value #ADDRESS} or
     * {@value #SHIPPING} followed by the REST name), in the reference's order.
     */
    public static List<String> missing(ReturnAddress address, ReturnShipping shipping) {
        List<String> missing = new ArrayList<>();
        address.missing().forEach(f -> missing.add(ADDRESS + f));
        check(shipping).forEach(p -> missing.add(p.field()));
        return missing;
    }

    /** Whether a problem says that a return detail is missing (rather than malformed). */
    public static boolean isMissing(Problem p) {
        return (p.field().startsWith(ADDRESS) || p.field().startsWith(SHIPPING)) && p.value() == null
                && MISSING.equals(p.problem());
    }

    private static Problem missing(String field) {
        return new Problem(field, null, MISSING, what(field));
    }

    /** One '@' with something before it and a dot in what follows it (not right after the '@', not at its end). */
    public static boolean isEmail(String email) {
        int at = email.indexOf('@');
        if (at <= 0 || at != email.lastIndexOf('@') || email.chars().anyMatch(Character::isWhitespace)
                || email.endsWith(".")) {
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
