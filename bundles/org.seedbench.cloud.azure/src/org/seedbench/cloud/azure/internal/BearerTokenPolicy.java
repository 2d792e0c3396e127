package org.seedbench.cloud.azure.internal;

import java.net.InetAddress;
import java.net.URL;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.OffsetDateTime;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.HttpHeaderName;
import com.azure.core.http.HttpPipelineCallContext;
import com.azure.core.http.policy.HttpPipelineSyncPolicy;

/**
 * Adds {@code Authorization: Bearer <token>} for Azure Resource Manager, the token kept until shortly before it
 * expires. Unlike the SDK's own policy it also sends the token over plain HTTP, but only to the loopback
 * interface (a local endpoint, such as the import service simulator); to any other host it insists on HTTPS,
 * so a token never crosses a network in the clear.
 */
final class BearerTokenPolicy extends HttpPipelineSyncPolicy {
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(2);

    private final TokenCredential credential;
    private final TokenRequestContext scopes;
    private AccessToken token;

    BearerTokenPolicy(TokenCredential credential, String scope) {
        this.credential = credential;
        this.scopes = new TokenRequestContext().addScopes(scope);
    }

    @Override
    protected void beforeSendingRequest(HttpPipelineCallContext context) {
        URL url = context.getHttpRequest().getUrl();
        if (!"https".equalsIgnoreCase(url.getProtocol()) && !isLoopback(url.getHost())) {
            throw new IllegalStateException("refusing to send an access token over plain HTTP to " + url.getHost()
                    + ": use an https management endpoint");
        }
        context.getHttpRequest().setHeader(HttpHeaderName.AUTHORIZATION, "Bearer " + token().getToken());
    }

    private synchronized AccessToken token() {
        if (token == null || token.getExpiresAt().minus(REFRESH_BEFORE_EXPIRY).isBefore(OffsetDateTime.now())) {
            token = credential.getTokenSync(scopes);
            if (token == null) {
                throw new IllegalStateException("the credential gave no access token");
            }
        }
        return token;
    }

    static boolean isLoopback(String host) {
        try {
            return host.equalsIgnoreCase("localhost") || InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
