package org.seedbench.batch.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.test.common.annotation.InjectService;
import org.osgi.test.junit5.service.ServiceExtension;
import org.seedbench.batch.internal.CommandLine;
import org.seedbench.catalog.Catalog;
import org.seedbench.catalog.CatalogService;
import org.seedbench.catalog.ReturnDetails;
import org.seedbench.core.model.ReturnAddress;
import org.seedbench.core.model.ReturnShipping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code seedbench return-address JOB}: sets the job's return details field by field, refuses a malformed one, prints
 * what the job has (an older catalog's free text marked as such); the free-text {@code --return-address} is gone and
 * the typo hint points at the new options.
 */
@ExtendWith(ServiceExtension.class)
class ReturnDetailsCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @InjectService(timeout = 10_000)
    CommandLine cli;

    @InjectService(timeout = 10_000)
    CatalogService catalogs;

    @TempDir
    Path tmp;

    Path data;

    @BeforeEach
    void dataDirectory() {
        data = tmp.resolve("data");
    }

    private CliRun run(String... args) {
        return CliRun.run(cli, data, args);
    }

    private CliRun init(String job, String... more) {
        List<String> args = new ArrayList<>(List.of("init", "--name", job, "--staging",
                tmp.resolve("staging").toString(), "--storage-account", "contosobackup", "--container", "seed",
                "--subscription", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0", "--location", "westeurope"));
        args.addAll(List.of(more));
        return run(args.toArray(String[]::new));
    }

    @Test
    void returnDetailsGivenAtInitAreCompletedFieldByFieldAndPrinted() throws IOException {
        CliRun init = init("seed-ra", "--return-recipient", "Contoso IT", "--return-street1", "1 Main Street",
                "--return-country", "ie", "--return-carrier", "FedEx");
        assertEquals(0, init.exitCode(), init.err());

        CliRun shown = run("return-address", "seed-ra");
        assertEquals(0, shown.exitCode(), shown.err());
        assertEquals(List.of("Job seed-ra: return details", "  address: Contoso IT, 1 Main Street, IE",
                "  carrier: FedEx, no account", "Still needed before the drives ship: --return-city, "
                        + "--return-postal-code, --return-phone, --return-email, --return-carrier-account"),
                shown.out().lines().toList());

        CliRun updated = run("return-address", "seed-ra", "--return-city", "Dublin", "--return-postal-code",
                "D02 X285", "--return-phone", "+353 1 555 0100", "--return-email", "it@contoso.example",
                "--return-carrier-account", "FX-42");
        assertEquals(0, updated.exitCode(), updated.err());
        assertEquals(List.of("Job seed-ra: return details recorded.", "  address: Contoso IT, 1 Main Street, Dublin, "
                + "D02 X285, IE, +353 1 555 0100, it@contoso.example", "  carrier: FedEx, account FX-42"),
                updated.out().lines().toList());

        CliRun json = run("return-address", "seed-ra", "--json");
        JsonNode node = JSON.readTree(json.out());
        assertEquals("Dublin", node.path("returnAddressFields").path("city").asText());
        assertEquals("FedEx", node.path("returnCarrier").asText());
        assertEquals(0, node.path("missing").size());
    }

    @Test
    void aMalformedReturnDetailIsRefusedAndNothingIsStored() {
        assertEquals(0, init("seed-bad").exitCode());

        CliRun refused = run("return-address", "seed-bad", "--return-city", "Dublin", "--return-email", "it@contoso");

        assertEquals(3, refused.exitCode(), refused.out() + refused.err());
        assertEquals(List.of("seedbench return-address: return email 'it@contoso': is not an email address "
                + "(allowed: e.g. it@contoso.com)"), refused.errLines());
        try (Catalog catalog = catalogs.open(data)) {
            assertEquals(Optional.empty(), catalog.returnDetails("seed-bad"));
        }
        CliRun country = init("seed-bad2", "--return-country", "Ireland");
        assertEquals(3, country.exitCode(), country.err());
        assertTrue(country.err().contains("return country 'Ireland': is not a two-letter ISO 3166-1 country code"),
                country.err());
        try (Catalog catalog = catalogs.open(data)) {
            assertEquals(Optional.empty(), catalog.job("seed-bad2"), "init refused before the job exists");
        }
    }

    @Test
    void anOlderCatalogsFreeTextIsShownAsSuch() {
        assertEquals(0, init("seed-old").exitCode());
        try (Catalog catalog = catalogs.open(data)) {
            catalog.putReturnDetails("seed-old", new ReturnDetails(ReturnAddress.legacy("Contoso, 1 Main St, Springfield"),
                    new ReturnShipping("UPS", "UPS-1")));
        }

        CliRun shown = run("return-address", "seed-old");

        assertEquals(0, shown.exitCode(), shown.err());
        assertTrue(shown.out().contains("  address: Contoso, 1 Main St, Springfield (free text of an older Seedbench: "
                + "enter it again with the --return-* options)"), shown.out());
        assertTrue(shown.out().contains("Still needed before the drives ship: --return-recipient, --return-street1, "
                + "--return-city"), shown.out());
    }

    @Test
    void theFreeTextReturnAddressIsGoneAndTheHintPointsAtTheNewOptions() {
        CliRun r = run("ship", "seed-x", "--carrier", "FedEx", "--tracking", "1Z", "--return-address", "Contoso");

        assertEquals(2, r.exitCode(), r.out() + r.err());
        String hint = r.errLines().stream().filter(l -> l.startsWith("Did you mean: ")).findFirst().orElse("");
        assertTrue(hint.contains("--return-"), r.err());
    }
}
