package org.seedbench.diskprep.tests.drives;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.Problem;
import org.seedbench.diskprep.drives.CopyComputer;
import org.seedbench.diskprep.drives.CopyComputer.Virtualization;
import org.seedbench.diskprep.drives.GetDiskDiscovery;

class CopyComputerTest {
    @TempDir
    Path tmp;

    /** A Linux computer as recorded under {@code fixtures/virt/<name>/}: its commands' outputs and its files. */
    private CopyComputer linux(String name) throws IOException {
        Fixtures.Replay runner = new Fixtures.Replay();
        String dir = "virt/" + name + "/";
        if (Fixtures.exists(dir + "systemd-detect-virt.stdout")) {
            runner.record(CopyComputer.DETECT_VIRT, Integer.parseInt(Fixtures.text(dir + "systemd-detect-virt.exit").strip()),
                    Fixtures.text(dir + "systemd-detect-virt.stdout"), "");
        }
        return new CopyComputer(runner, Fixtures.copyTree(dir + "root", tmp.resolve(name)), false);
    }

    private static CopyComputer windows(String fixture) throws IOException {
        Fixtures.Replay runner = new Fixtures.Replay().record(GetDiskDiscovery.powershell(CopyComputer.WINDOWS_SYSTEM), 0,
                Fixtures.text("windows/" + fixture), "");
        return new CopyComputer(runner, Path.of("C:\\"), true);
    }

    private static SeedingJob job(String sourceHost) {
        return new SeedingJob("seed-fs01", "/staging", "seedacct", "seed", "00000000-0000-0000-0000-000000000000",
                "westeurope", List.of(), null, sourceHost, Instant.parse("2026-11-01T10:00:00Z"), null);
    }

    @Test
    void thisMachineIsABhyveGuestAndMayNotPrepareDrivesForItsOwnData() throws IOException {
        CopyComputer here = linux("this-machine");
        assertEquals(new Virtualization(true, "bhyve", "systemd-detect-virt --vm printed bhyve"), here.virtualization());
        assertEquals(List.of("vm"), here.hostNames());
        List<String> notes = new ArrayList<>();
        List<Problem> problems = here.check(job("VM"), notes);
        assertEquals(List.of("source host 'VM': is this computer, a virtual machine (bhyve; systemd-detect-virt --vm "
                + "printed bhyve); drives for a virtual machine's data cannot be prepared on that machine (allowed: "
                + "prepare the drives on a different, physical computer that can read the staging location)"),
                problems.stream().map(Problem::message).toList());
        assertFalse(here.check(job("vm.corp.example.com"), notes).isEmpty(), "the full DNS name is the same machine");
    }

    @Test
    void aVirtualCopyComputerWithoutSourceHostOnlySuggestsRecordingIt() throws IOException {
        List<String> notes = new ArrayList<>();
        assertEquals(List.of(), linux("this-machine").check(job(null), notes));
        assertEquals(1, notes.size());
        assertTrue(notes.get(0).startsWith("this copy computer is a virtual machine (bhyve; "), notes.get(0));
        assertTrue(notes.get(0).contains("record it with init --source-host NAME"), notes.get(0));
    }

    @Test
    void anotherVirtualSourceIsNotThisComputerButIsNoted() throws IOException {
        List<String> notes = new ArrayList<>();
        assertEquals(List.of(), linux("this-machine").check(job("fs02"), notes));
        assertEquals(List.of("the job's data comes from the virtual machine fs02 and this copy computer is a virtual "
                + "machine too (bhyve); Azure asks for a physical copy computer"), notes);
    }

    @Test
    void withoutSystemdDmiTellsVmwareAndTheShortNameMatchesTheFullOne() throws IOException {
        CopyComputer vmware = linux("vmware-dmi");
        Virtualization v = vmware.virtualization();
        assertEquals("vmware", v.name());
        assertEquals("systemd-detect-virt did not run; DMI says VMware, Inc. VMware Virtual Platform", v.evidence());
        assertEquals(List.of("fs01.contoso.com"), vmware.hostNames());
        assertEquals(1, vmware.check(job("FS01"), new ArrayList<>()).size());
    }

    @Test
    void hyperVGuestIsFoundBySystemd() throws IOException {
        CopyComputer hyperv = linux("hyperv-systemd");
        assertEquals("microsoft", hyperv.virtualization().name());
        assertEquals(1, hyperv.check(job("fs01.contoso.com"), new ArrayList<>()).size());
    }

    @Test
    void aPhysicalComputerIsNeverRefusedButASourceHostNamingItIsQuestioned() throws IOException {
        CopyComputer dell = linux("physical-dell");
        assertEquals(new Virtualization(false, null, "systemd-detect-virt --vm printed none"), dell.virtualization());
        List<String> notes = new ArrayList<>();
        assertEquals(List.of(), dell.check(job("COPY01"), notes));
        assertTrue(notes.get(0).startsWith("the job's source host COPY01 is this computer, but no virtualization was "
                + "found here"), notes.get(0));
        List<String> none = new ArrayList<>();
        assertEquals(List.of(), dell.check(job("fs01"), none));
        assertEquals(List.of(), none);
    }

    @Test
    void aMicrosoftLaptopIsNotAVirtualMachine() throws IOException {
        Virtualization v = linux("surface-dmi").virtualization();
        assertFalse(v.isVirtual(), v.toString());
        assertEquals("systemd-detect-virt did not run; DMI says Microsoft Corporation Surface Laptop 4; no hypervisor flag",
                v.evidence());
    }

    @Test
    void withNeitherSystemdNorDmiTheCpuHypervisorFlagTells() throws IOException {
        CopyComputer bare = new CopyComputer(new Fixtures.Replay(),
                Fixtures.copyTree("virt/this-machine/root", tmp.resolve("bare")), false);
        assertEquals(new Virtualization(true, "vm-other",
                "systemd-detect-virt did not run; /proc/cpuinfo has the hypervisor flag"), bare.virtualization());
    }

    @Test
    void windowsReadsWin32ComputerSystem() throws IOException {
        CopyComputer hyperv = windows("win32-computersystem-hyperv.json");
        assertEquals(new Virtualization(true, "microsoft", "Win32_ComputerSystem says Microsoft Corporation Virtual Machine"),
                hyperv.virtualization());
        assertEquals(List.of("fs01", "fs01.contoso.com"), hyperv.hostNames());
        assertEquals(1, hyperv.check(job("FS01.CONTOSO.COM"), new ArrayList<>()).size());

        CopyComputer dell = windows("win32-computersystem-physical.json");
        assertFalse(dell.virtualization().isVirtual());
        assertEquals(List.of(), dell.check(job("copy01"), new ArrayList<>()));
    }

    @Test
    void hostNamesMatchIgnoringCaseAndDomainButDifferentDomainsOrAddressesDoNot() {
        assertTrue(CopyComputer.sameHost("FS01", "fs01.contoso.com"));
        assertTrue(CopyComputer.sameHost("fs01.contoso.com.", "FS01.Contoso.com"));
        assertFalse(CopyComputer.sameHost("fs01.contoso.com", "fs01.fabrikam.com"));
        assertFalse(CopyComputer.sameHost("fs01", "fs011"));
        assertFalse(CopyComputer.sameHost("10.0.0.5", "10"));
        assertTrue(CopyComputer.sameHost("10.0.0.5", "10.0.0.5"));
    }
}
