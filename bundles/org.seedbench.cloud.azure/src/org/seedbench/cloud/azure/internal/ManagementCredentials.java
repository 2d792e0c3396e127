package org.seedbench.cloud.azure.internal;

import org.seedbench.core.model.Secret;
import org.seedbench.core.rules.InvalidInputException;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.ConnectorSettings;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.DefaultAzureCredentialBuilder;
import com.azure.identity.DeviceCodeCredentialBuilder;

/**
 * The Microsoft Entra ID credential the connector calls Azure Resource Manager with, chosen from the sign-in
 * settings: a {@link TokenCredential} given explicitly; a service principal ({@value #TENANT_ID}, {@value #CLIENT_ID},
 * {@value #CLIENT_SECRET}); a bearer token obtained elsewhere under
 * {@value #ACCESS_TOKEN} (e.g. from {@code az account get-access-token}, or any text for the import service
 * simulator); device code sign-in when {@value #DEVICE_CODE} is
 * {@code true} (the prompt goes to the settings' prompt, else to standard error); otherwise the SDK's default chain (environment, managed identity, Azure CLI…).
 */
public final class ManagementCredentials {
    public static final String TENANT_ID = "tenantId";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String ACCESS_TOKEN = "accessToken";
    public static final String DEVICE_CODE = "deviceCode";
    /** Optional Entra ID authority, e.g. {@code https://login.microsoftonline.us} for a sovereign cloud. */
    public static final String AUTHORITY_HOST = "authorityHost";

    private ManagementCredentials() {
    }

    /**
     * The credential the settings ask for; the secret it holds is in {@code secrets} for redaction.
     *
     * @param given a credential made by the caller, used as it is; null to choose by the settings
     */
    public static TokenCredential fromSettings(ConnectorSettings settings, TokenCredential given, HttpClient http,
            java.util.List<String> secrets) throws InvalidInputException {
        if (given != null) {
            return given;
        }
        Secret token = Settings.secret(settings, ACCESS_TOKEN);
        if (token != null) {
            String value = Settings.reveal(token);
            secrets.add(value);
            // a token given as it is: the service says when it no longer holds
            return request -> reactor.core.publisher.Mono.just(new com.azure.core.credential.AccessToken(value,
                    java.time.OffsetDateTime.now().plusYears(1)));
        }
        String tenant = Settings.text(settings, TENANT_ID);
        String client = Settings.text(settings, CLIENT_ID);
        Secret secret = Settings.secret(settings, CLIENT_SECRET);
        String authority = Settings.text(settings, AUTHORITY_HOST);
        if (secret != null) {
            return clientSecret(tenant, client, secret, authority, http, secrets);
        }
        if (Settings.flag(settings, DEVICE_CODE)) {
            DeviceCodeCredentialBuilder builder = new DeviceCodeCredentialBuilder().httpClient(http)
                    .challengeConsumer(info -> settings.prompt().orElse(System.err::println).accept(info.getMessage()));
            if (tenant != null) {
                builder.tenantId(tenant);
            }
            if (client != null) {
                builder.clientId(client);
            }
            if (authority != null) {
                builder.authorityHost(authority);
            }
            return builder.build();
        }
        DefaultAzureCredentialBuilder builder = new DefaultAzureCredentialBuilder().httpClient(http);
        if (tenant != null) {
            builder.tenantId(tenant);
        }
        if (authority != null) {
            builder.authorityHost(authority);
        }
        return builder.build();
    }

    private static TokenCredential clientSecret(String tenant, String client, Secret secret, String authority,
            HttpClient http, java.util.List<String> secrets) throws InvalidInputException {
        java.util.List<Problem> problems = new java.util.ArrayList<>();
        if (tenant == null) {
            problems.add(new Problem(TENANT_ID, null, "is missing", "the directory (tenant) id of the service principal"));
        }
        if (client == null) {
            problems.add(new Problem(CLIENT_ID, null, "is missing", "the application (client) id of the service principal"));
        }
        InvalidInputException.throwIfAny(problems);
        String value = Settings.reveal(secret);
        secrets.add(value);
        ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder().tenantId(tenant).clientId(client)
                .clientSecret(value).httpClient(http);
        if (authority != null) {
            builder.authorityHost(authority);
        }
        return builder.build();
    }
}
