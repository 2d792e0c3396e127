package org.seedbench.ui.tests.wizards;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.reflect.Method;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.e4.core.di.annotations.Execute;
import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.seedbench.core.model.JobState;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.ui.SeedbenchUi;
import org.seedbench.ui.wizards.handlers.PrepareDrivesHandler;
import org.seedbench.ui.wizards.handlers.ShippingHandler;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The wizards' model fragment as the workbench loads it from the bundle: four commands, each with a handler class
 * that loads and executes, menu items in File and Job and tool items in the Jobs view's toolbar; and the handlers
 * enabled only in the job states that allow their step.
 */
class WizardCommandsTest {

    private static Document fragment(String entry) throws Exception {
        Bundle ui = FrameworkUtil.getBundle(SeedbenchUi.class);
        try (InputStream in = ui.getEntry(entry).openStream()) {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(false);
            return f.newDocumentBuilder().parse(in);
        }
    }

    private static List<Element> elements(Document d) {
        NodeList nodes = d.getElementsByTagName("elements");
        return java.util.stream.IntStream.range(0, nodes.getLength()).mapToObj(i -> (Element) nodes.item(i)).toList();
    }

    @Test
    void everyCommandHasAHandlerAMenuItemAndAPlaceThatExists() throws Exception {
        Document d = fragment("wizards.e4xmi");
        Map<String, String> commands = new HashMap<>();
        Map<String, String> handlers = new HashMap<>();
        Bundle ui = FrameworkUtil.getBundle(SeedbenchUi.class);
        for (Element e : elements(d)) {
            String type = e.getAttribute("xsi:type");
            if (type.equals("commands:Command")) {
                commands.put(e.getAttribute("xmi:id"), e.getAttribute("commandName"));
            } else if (type.equals("commands:Handler")) {
                String uri = e.getAttribute("contributionURI");
                assertTrue(uri.startsWith("bundleclass://org.seedbench.ui/"), uri);
                Class<?> handler = ui.loadClass(uri.substring("bundleclass://org.seedbench.ui/".length()));
                assertTrue(Arrays.stream(handler.getMethods()).anyMatch((Method m) -> m.isAnnotationPresent(Execute.class)),
                        handler + " has an @Execute method");
                handlers.put(e.getAttribute("command"), handler.getSimpleName());
            }
        }
        assertEquals(Set.of("New Seeding Job…", "Prepare Drives…", "Update Shipping Details…", "Sign in to Azure…"),
                new HashSet<>(commands.values()));
        assertEquals(commands.keySet(), handlers.keySet(), "every command has a handler");

        Map<String, List<String>> itemsByPlace = new HashMap<>();
        NodeList fragments = d.getElementsByTagName("fragments");
        for (int i = 0; i < fragments.getLength(); i++) {
            Element f = (Element) fragments.item(i);
            if (!f.getAttribute("featurename").equals("children")) {
                continue;
            }
            NodeList items = f.getElementsByTagName("elements");
            for (int k = 0; k < items.getLength(); k++) {
                Element item = (Element) items.item(k);
                assertNotNull(commands.get(item.getAttribute("command")), "item " + item.getAttribute("elementId")
                        + " runs a command of this fragment");
                itemsByPlace.computeIfAbsent(f.getAttribute("parentElementId"), p -> new java.util.ArrayList<>())
                        .add(item.getAttribute("label"));
            }
        }
        assertEquals(List.of("New Seeding Job…", "Sign in to Azure…"), itemsByPlace.get(SeedbenchUi.MENU_FILE));
        assertEquals(List.of("Prepare Drives…", "Update Shipping Details…"), itemsByPlace.get(SeedbenchUi.MENU_JOB));
        assertEquals(3, itemsByPlace.get(SeedbenchUi.TOOLBAR_JOBS).size());
        // the Jobs view's toolbar, which the tool items go into, is created by the views' fragment
        assertTrue(elements(fragment("fragment.e4xmi")).stream().anyMatch(e -> e.getElementsByTagName("toolbar")
                .getLength() > 0 && ((Element) e.getElementsByTagName("toolbar").item(0)).getAttribute("elementId")
                        .equals(SeedbenchUi.TOOLBAR_JOBS)), "fragment.e4xmi holds the Jobs toolbar");
    }

    private static SeedingJob job(JobState state) {
        return new SeedingJob("seed-fs01", "/tmp/stage", "contosobackup", "seed", "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0",
                "westeurope", List.of(), null, null, Instant.now(), state);
    }

    @Test
    void prepareDrivesIsEnabledForAStagedJobOrOneCutShort() {
        PrepareDrivesHandler h = new PrepareDrivesHandler();
        assertFalse(h.canExecute(null), "no job selected");
        assertFalse(h.canExecute(job(JobState.DRAFT)), "not staged yet");
        assertTrue(h.canExecute(job(JobState.STAGED)));
        assertTrue(h.canExecute(job(JobState.PREPARING_DRIVES)), "a run cut short resumes");
        assertFalse(h.canExecute(job(JobState.SHIPPING)));
    }

    @Test
    void shippingDetailsAreEnabledOnceTheImportJobExists() {
        ShippingHandler h = new ShippingHandler();
        assertFalse(h.canExecute(null));
        assertFalse(h.canExecute(job(JobState.DRIVES_READY)), "no import job yet");
        assertTrue(h.canExecute(job(JobState.CREATING)));
        assertTrue(h.canExecute(job(JobState.SHIPPING)), "to correct them");
        assertFalse(h.canExecute(job(JobState.RECEIVED)));
    }
}
