package org.seedbench.cloud.simulator.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.seedbench.cloud.simulator.internal.Answer.Detail;
import org.seedbench.cloud.simulator.internal.Answer.Failure;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks one request body against the facts of the service's reference (required properties, enums, types) and
 * refuses it with every problem at once, the way Azure Resource Manager does: 400, code
 * {@value #INVALID}, one {@code details} entry per property, its JSON path as {@code target}.
 */
public final class RequestCheck {
    /** The error code of a body that breaks the reference. */
    public static final String INVALID = "InvalidRequestContent";
    /** The detail code of a required property that is absent, null or empty. */
    public static final String MISSING = "MissingRequiredProperty";
    /** The detail code of a value outside its enum or of the wrong type. */
    public static final String INVALID_VALUE = "InvalidPropertyValue";

    private final List<Detail> details = new ArrayList<>();

    /** Notes each of {@code fields} of {@code node} (at JSON path {@code where}) that is absent, null or empty. */
    public RequestCheck require(JsonNode node, String where, List<String> fields) {
        for (String field : fields) {
            JsonNode value = node.path(field);
            if (value.isMissingNode() || value.isNull() || (value.isValueNode() && value.asText().isBlank())
                    || (value.isArray() && value.isEmpty())) {
                details.add(new Detail(MISSING, where + "." + field, where + "." + field + " is required"));
            }
        }
        return this;
    }

    /** Notes {@code node} when it is not an object (absent counts: the caller asks only for what must be there). */
    public boolean requireObject(JsonNode node, String where) {
        if (node.isObject()) {
            return true;
        }
        details.add(new Detail(MISSING, where, where + " is required"));
        return false;
    }

    /** Notes a value that is given but not one of {@code allowed} (compared as the service does, ignoring case). */
    public RequestCheck oneOf(JsonNode value, String where, Set<String> allowed) {
        if (!value.isMissingNode() && !value.isNull()
                && allowed.stream().noneMatch(a -> a.equalsIgnoreCase(value.asText()))) {
            details.add(new Detail(INVALID_VALUE, where, "'" + value.asText() + "' is not a valid value of " + where
                    + "; valid values: " + String.join(", ", allowed)));
        }
        return this;
    }

    /** Notes a value that is given but is not a whole number. */
    public RequestCheck integer(JsonNode value, String where) {
        if (!value.isMissingNode() && !value.isNull() && !value.isIntegralNumber()) {
            details.add(new Detail(INVALID_VALUE, where, where + " must be an integer"));
        }
        return this;
    }

    /** Notes a problem found otherwise. */
    public RequestCheck refuse(String code, String target, String message) {
        details.add(new Detail(code, target, message));
        return this;
    }

    /** Refuses the request when anything was noted. */
    public void done() throws Failure {
        if (!details.isEmpty()) {
            String message = "The request content was invalid: " + String.join("; ",
                    details.stream().map(Detail::message).toList()) + ".";
            throw new Failure(Answer.error(400, INVALID, message, details));
        }
    }
}
