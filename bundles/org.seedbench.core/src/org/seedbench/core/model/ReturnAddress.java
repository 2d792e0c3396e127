package org.seedbench.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Where the datacenter sends the drives back, and whom it calls about them: the fields of the import services'
 * return address (Import/Export's {@code returnAddress}, Data Box's {@code shippingAddress} and
 * {@code contactDetails}). A job recorded before addresses had fields keeps the admin's free text in
 * {@code legacyText}, shown until the address is entered again.
 *
 * @param legacyText the free-text address of an older catalog, or null
 */
public record ReturnAddress(
        String recipientName,
        String streetAddress1,
        String streetAddress2,
        String city,
        String stateOrProvince,
        String postalCode,
        String countryOrRegion,
        String phone,
        String email,
        String legacyText) {

    /** No address given yet. */
    public static final ReturnAddress NONE = new ReturnAddress(null, null, null, null, null, null, null, null, null,
            null);

    public ReturnAddress {
        recipientName = clean(recipientName);
        streetAddress1 = clean(streetAddress1);
        streetAddress2 = clean(streetAddress2);
        city = clean(city);
        stateOrProvince = clean(stateOrProvince);
        postalCode = clean(postalCode);
        countryOrRegion = clean(countryOrRegion);
        phone = clean(phone);
        email = clean(email);
        legacyText = clean(legacyText);
    }

    /** An address with all its fields and no free text. */
    public ReturnAddress(String recipientName, String streetAddress1, String streetAddress2, String city,
            String stateOrProvince, String postalCode, String countryOrRegion, String phone, String email) {
        this(recipientName, streetAddress1, streetAddress2, city, stateOrProvince, postalCode, countryOrRegion,
                phone, email, null);
    }

    /** The free text of an older catalog: no field is filled, so {@link #missing()} names them all. */
    public static ReturnAddress legacy(String text) {
        return new ReturnAddress(null, null, null, null, null, null, null, null, null, text);
    }

    private static String clean(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    /**
     * The fields the import services require that are empty, by their REST names: recipientName,
     * streetAddress1, city, postalCode, countryOrRegion, phone, email.
     */
    public List<String> missing() {
        List<String> missing = new ArrayList<>();
        add(missing, "recipientName", recipientName);
        add(missing, "streetAddress1", streetAddress1);
        add(missing, "city", city);
        add(missing, "postalCode", postalCode);
        add(missing, "countryOrRegion", countryOrRegion);
        add(missing, "phone", phone);
        add(missing, "email", email);
        return missing;
    }

    private static void add(List<String> missing, String name, String value) {
        if (value == null) {
            missing.add(name);
        }
    }

    /** Whether every required field is filled. */
    public boolean isComplete() {
        return missing().isEmpty();
    }

    /** Whether nothing at all was given (no field, no free text). */
    public boolean isEmpty() {
        return equals(NONE);
    }

    /** The address on one line, fields by commas; the free text when no field is filled. */
    public String oneLine() {
        String fields = Stream.of(recipientName, streetAddress1, streetAddress2, city,
                joinNonNull(" ", stateOrProvince, postalCode), countryOrRegion, phone, email)
                .filter(Objects::nonNull).collect(Collectors.joining(", "));
        if (fields.isEmpty()) {
            return legacyText == null ? "" : legacyText.replace('\n', ' ');
        }
        return fields;
    }

    private static String joinNonNull(String separator, String... parts) {
        String joined = Stream.of(parts).filter(Objects::nonNull).collect(Collectors.joining(separator));
        return joined.isEmpty() ? null : joined;
    }
}
