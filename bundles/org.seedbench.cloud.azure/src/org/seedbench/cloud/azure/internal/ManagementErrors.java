package org.seedbench.cloud.azure.internal;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.azure.core.exception.ClientAuthenticationException;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * One line a person can act on for a failed Azure Resource Manager call: the operation, the HTTP status, the
 * service's error code and message, and what to check. Secrets (client secret, storage keys, SAS signatures,
 * 48-digit recovery passwords a request carried) are taken out of it; nothing is chained as a cause.
 */
final class ManagementErrors {
    private static final Pattern RECOVERY_PASSWORD = Pattern.compile("\\b\\d{6}(-\\d{6}){7}\\b");
    private static final String PREFIX = "Azure Resource Manager: cannot ";

    private final Redactor redactor;

    ManagementErrors(Redactor redactor) {
        this.redactor = redactor;
    }

    IOException of(String operation, int status, JsonNode body) {
        JsonNode error = body.path("error");
        String code = error.path("code").asText("");
        String message = error.path("message").asText(body.path("text").asText(""));
        String text = PREFIX + operation + ": HTTP " + status + (code.isEmpty() ? "" : " " + code + ":")
                + (message.isEmpty() ? "" : " " + StorageErrors.firstLine(message)) + details(error.path("details"))
                + "; " + hint(status, code);
        return new IOException(clean(text));
    }

    /**
     * A long-running operation the service accepted and then reported as not done: its status (e.g.
     * {@code Failed}) and the error of the operation resource, details included.
     */
    IOException ofOperation(String operation, String status, JsonNode body) {
        JsonNode error = body.path("error");
        StringBuilder text = new StringBuilder(PREFIX).append(operation).append(": the service accepted it, then it ")
                .append(status);
        String code = error.path("code").asText("");
        String message = error.path("message").asText("");
        if (!code.isEmpty() || !message.isEmpty()) {
            text.append(": ").append(code.isEmpty() ? "" : code + ": ").append(StorageErrors.firstLine(message));
        }
        text.append(details(error.path("details")));
        return new IOException(clean(text.toString()));
    }

    /**
     * The error's {@code details[]} in parentheses, each as {@code target code: message} (what the service says
     * of each field it refused), or nothing when there are none.
     */
    static String details(JsonNode details) {
        List<String> parts = new ArrayList<>();
        for (JsonNode d : details) {
            String part = String.join(" ", Stream.of(d.path("target").asText(""), d.path("code").asText(""))
                    .filter(s -> !s.isEmpty()).toList());
            String message = StorageErrors.firstLine(d.path("message").asText(""));
            part = part.isEmpty() ? message : message.isEmpty() ? part : part + ": " + message;
            if (!part.isEmpty()) {
                parts.add(part);
            }
        }
        return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
    }

    IOException of(String operation, RuntimeException e) {
        Throwable cause = StorageErrors.telling(e);
        String what = cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : " " + StorageErrors.firstLine(cause.getMessage()));
        String hint;
        if (e instanceof ClientAuthenticationException || cause instanceof ClientAuthenticationException) {
            hint = "signing in to Microsoft Entra ID failed: check tenantId, clientId and clientSecret, or the credential";
        } else if (cause instanceof UnknownHostException) {
            hint = "the management endpoint's host is unknown: check managementEndpoint";
        } else if (cause instanceof ConnectException) {
            hint = "nothing answers at the management endpoint: check managementEndpoint and the network";
        } else {
            hint = "check the management endpoint, the credential and the network";
        }
        return new IOException(clean(PREFIX + operation + ": " + what + "; " + hint));
    }

    private String clean(String text) {
        return RECOVERY_PASSWORD.matcher(redactor.redact(text)).replaceAll("******");
    }

    private static String hint(int status, String code) {
        if (status == 401 || "InvalidAuthenticationToken".equals(code) || "AuthenticationFailed".equals(code)) {
            return "the access token was refused: check the tenant and the credential";
        }
        if (status == 403 || "AuthorizationFailed".equals(code)) {
            return "the signed-in identity may not do this: give it a role on the subscription or resource group";
        }
        if (code.equals("MissingSubscriptionRegistration") || code.equals("NoRegisteredProviderFound")) {
            return "register the resource provider (Microsoft.ImportExport or Microsoft.DataBox) for the subscription";
        }
        if (status == 404) {
            return "not found: check the subscription, resource group and job name";
        }
        if (status == 409) {
            return "the job's state does not allow this now";
        }
        if (status >= 500) {
            return "the service failed: retry later";
        }
        return "check the request's values";
    }
}
