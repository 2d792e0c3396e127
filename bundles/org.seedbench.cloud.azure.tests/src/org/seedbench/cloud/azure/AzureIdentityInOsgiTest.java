package org.seedbench.cloud.azure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenRequestContext;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.identity.ClientSecretCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;

/**
 * azure-identity and MSAL resolve and run inside OSGi: a client-secret credential gets a token through the JDK
 * HTTP client from a stand-in for Microsoft Entra ID, served over HTTPS on 127.0.0.1 (MSAL accepts only https
 * authorities) with a certificate made for the test.
 */
class AzureIdentityInOsgiTest {
    private static final String TENANT = "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0";
    private static final String PASSWORD = "seedbench-test";

    @TempDir
    Path dir;

    private HttpsServer entra;
    private SSLContext tls;
    private final List<Map<String, String>> tokenRequests = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startEntraStandIn() throws Exception {
        Path keyStore = dir.resolve("localhost.p12");
        Process keytool = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "localhost", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "san=ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", PASSWORD, "-keypass", PASSWORD).redirectErrorStream(true).start();
        String keytoolOutput = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(keytool.waitFor(60, TimeUnit.SECONDS) && keytool.exitValue() == 0, keytoolOutput);

        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = java.nio.file.Files.newInputStream(keyStore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, PASSWORD.toCharArray());
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(store);
        tls = SSLContext.getInstance("TLS");
        tls.init(keys.getKeyManagers(), trust.getTrustManagers(), null);

        entra = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        entra.setHttpsConfigurator(new HttpsConfigurator(tls));
        entra.createContext("/", this::answer);
        entra.start();
    }

    @AfterEach
    void stopEntraStandIn() {
        entra.stop(0);
    }

    private String authority() {
        return "https://127.0.0.1:" + entra.getAddress().getPort();
    }

    /** The token endpoint of a tenant, and its OpenID metadata should MSAL ask for it. */
    private void answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        String body;
        int status = 200;
        if (path.equals("/" + TENANT + "/oauth2/v2.0/token") && exchange.getRequestMethod().equals("POST")) {
            tokenRequests.add(form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            body = "{\"token_type\":\"Bearer\",\"expires_in\":3600,\"ext_expires_in\":3600,"
                    + "\"access_token\":\"token-from-the-stand-in\"}";
        } else if (path.endsWith("/.well-known/openid-configuration")) {
            body = "{\"token_endpoint\":\"" + authority() + "/" + TENANT + "/oauth2/v2.0/token\","
                    + "\"authorization_endpoint\":\"" + authority() + "/" + TENANT + "/oauth2/v2.0/authorize\","
                    + "\"issuer\":\"" + authority() + "/" + TENANT + "/v2.0\"}";
        } else {
            status = 404;
            body = "{\"error\":\"not_found\"}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> form(String body) {
        Map<String, String> fields = new ConcurrentHashMap<>();
        for (String pair : body.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0) {
                fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                        URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    @Test
    void aClientSecretCredentialGetsItsTokenThroughTheJdkHttpClient() {
        ClientSecretCredential credential = new ClientSecretCredentialBuilder().tenantId(TENANT)
                .clientId("11111111-2222-3333-4444-555555555555").clientSecret("client-secret-for-the-test")
                .authorityHost(authority()).disableInstanceDiscovery()
                .httpClient(new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(tls)).build())
                .build();

        AccessToken token = credential
                .getTokenSync(new TokenRequestContext().addScopes("https://storage.azure.com/.default"));

        assertEquals("token-from-the-stand-in", token.getToken());
        assertEquals(1, tokenRequests.size());
        Map<String, String> request = tokenRequests.get(0);
        assertEquals("client_credentials", request.get("grant_type"));
        assertEquals("11111111-2222-3333-4444-555555555555", request.get("client_id"));
        assertTrue(request.get("scope").contains("https://storage.azure.com/.default"), request.toString());

        Bundle identity = FrameworkUtil.getBundle(ClientSecretCredential.class);
        Bundle msal = FrameworkUtil.getBundle(com.microsoft.aad.msal4j.ConfidentialClientApplication.class);
        assertNotNull(identity, "azure-identity runs as an OSGi bundle");
        assertNotNull(msal, "MSAL runs as an OSGi bundle");
        assertEquals("wrapped.com.azure.azure-identity", identity.getSymbolicName());
        assertEquals("msal4j", msal.getSymbolicName());
    }
}
