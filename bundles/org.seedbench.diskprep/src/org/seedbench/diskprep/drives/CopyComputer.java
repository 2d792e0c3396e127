package org.seedbench.diskprep.drives;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

import org.seedbench.core.model.SeedingJob;
import org.seedbench.core.rules.Problem;
import org.seedbench.core.spi.CommandRunner;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The computer that prepares the drives. Azure's rule: when the data comes from a virtual machine, the drives
 * are prepared on a different, physical computer. A job records its source virtual machine with
 * {@code init --source-host NAME} ({@link SeedingJob#sourceHost()}); {@link #check} refuses to prepare drives
 * on that machine when this computer is found to be virtual.
 *
 * <p>Virtualization is found on Linux with {@code systemd-detect-virt --vm} (exit 0 and the hypervisor's name,
 * e.g. {@code kvm}, {@code bhyve}, {@code microsoft}; {@code none} and exit 1 on a physical machine); when that
 * command is missing or fails, with the DMI strings under {@code /sys/class/dmi/id} ({@code sys_vendor},
 * {@code product_name}, {@code board_vendor}, {@code bios_vendor}: "VMware Virtual Platform", Microsoft's
 * "Virtual Machine", "KVM", "QEMU", "VirtualBox", "BHYVE"…), then with the {@code hypervisor} CPU flag in
 * {@code /proc/cpuinfo}. On Windows, with {@code Get-CimInstance Win32_ComputerSystem}'s Manufacturer and
 * Model, read against the same table. The host name comes from {@code /proc/sys/kernel/hostname} (else
 * {@code /etc/hostname}, else {@code hostname}) on Linux and from Win32_ComputerSystem (Name, DNSHostName,
 * Domain) on Windows. Commands run through a {@link CommandRunner} and files are read under a root folder, so
 * tests replay recorded outputs.
 */
public final class CopyComputer {
    public static final List<String> DETECT_VIRT = List.of("systemd-detect-virt", "--vm");
    public static final List<String> HOSTNAME = List.of("hostname");
    public static final String WINDOWS_SYSTEM = "Get-CimInstance Win32_ComputerSystem | "
            + "Select-Object Name,DNSHostName,Domain,Manufacturer,Model | ConvertTo-Json";
    public static final String FIELD = "source host";
    private static final Duration TIMEOUT = Duration.ofSeconds(20);
    private static final Pattern IP = Pattern.compile("[0-9.]+|.*:.*");
    /** DMI or CIM text (lower case) → systemd-detect-virt's name for the hypervisor. */
    private static final String[][] SIGNS = { { "vmware", "vmware" }, { "virtualbox", "oracle" },
            { "innotek", "oracle" }, { "kvm", "kvm" }, { "qemu", "qemu" }, { "bhyve", "bhyve" }, { "xen", "xen" },
            { "parallels", "parallels" }, { "google compute engine", "google" }, { "openstack", "openstack" },
            { "bochs", "bochs" }, { "apple virtualization", "apple" } };

    /**
     * Whether this computer is a virtual machine.
     *
     * @param name     the hypervisor as systemd-detect-virt names it ({@code kvm}, {@code microsoft}…), or
     *                 {@code null} for a physical machine
     * @param evidence what told, e.g. {@code systemd-detect-virt --vm printed bhyve}
     */
    public record Virtualization(boolean isVirtual, String name, String evidence) {
        static Virtualization virtual(String name, String evidence) {
            return new Virtualization(true, name, evidence);
        }

        static Virtualization physical(String evidence) {
            return new Virtualization(false, null, evidence);
        }
    }

    private final CommandRunner runner;
    private final Path root;
    private final boolean windows;
    private Virtualization virtualization;
    private List<String> hostNames;
    private JsonNode cimSystem;

    /**
     * @param root    where {@code /sys}, {@code /proc} and {@code /etc} are read from: {@code /}, or a folder in tests
     * @param windows whether to ask PowerShell instead of systemd-detect-virt and {@code /sys}
     */
    public CopyComputer(CommandRunner runner, Path root, boolean windows) {
        this.runner = runner;
        this.root = root;
        this.windows = windows;
    }

    /** The computer this JVM runs on. */
    public static CopyComputer thisComputer(CommandRunner runner) {
        boolean windows = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");
        return new CopyComputer(runner, windows ? Path.of(System.getenv().getOrDefault("SystemDrive", "C:") + "\\")
                : Path.of("/"), windows);
    }

    /** Found once, then remembered. */
    public synchronized Virtualization virtualization() {
        if (virtualization == null) {
            virtualization = windows ? fromWindows() : fromLinux();
        }
        return virtualization;
    }

    /** This computer's names in lower case: the host name, and the full DNS name when known. */
    public synchronized List<String> hostNames() {
        if (hostNames == null) {
            hostNames = windows ? windowsNames() : linuxNames();
        }
        return hostNames;
    }

    /**
     * Checks Azure's copy-computer rule for {@code job}: a problem when the job's source virtual machine is this
     * computer and this computer is virtual; notes when the job records no source host on a virtual copy computer,
     * when the source is another virtual machine and this computer is virtual too, or when the source host is this
     * computer but no virtualization was found.
     */
    public List<Problem> check(SeedingJob job, List<String> notes) {
        return check(job.sourceHost(), hostNames(), virtualization(), notes);
    }

    /** The rule itself, for a source host, this computer's names and its virtualization. */
    public static List<Problem> check(String sourceHost, List<String> hostNames, Virtualization v, List<String> notes) {
        List<Problem> problems = new ArrayList<>();
        String source = sourceHost == null ? "" : sourceHost.strip();
        if (source.isEmpty()) {
            if (v.isVirtual()) {
                notes.add("this copy computer is a virtual machine (" + v.name() + "; " + v.evidence() + "); "
                        + "if the job's data comes from a virtual machine, record it with init --source-host NAME "
                        + "so that Seedbench can check that the drives are prepared on a different, physical computer");
            }
            return problems;
        }
        boolean same = hostNames.stream().anyMatch(n -> sameHost(source, n));
        if (same && v.isVirtual()) {
            problems.add(new Problem(FIELD, source, "is this computer, a virtual machine (" + v.name() + "; "
                    + v.evidence() + "); drives for a virtual machine's data cannot be prepared on that machine",
                    "prepare the drives on a different, physical computer that can read the staging location"));
        } else if (same) {
            notes.add("the job's source host " + source + " is this computer, but no virtualization was found here ("
                    + v.evidence() + "); if this is a virtual machine, prepare the drives on a different, physical "
                    + "computer");
        } else if (v.isVirtual()) {
            notes.add("the job's data comes from the virtual machine " + source + " and this copy computer is a "
                    + "virtual machine too (" + v.name() + "); Azure asks for a physical copy computer");
        }
        return problems;
    }

    /**
     * Whether a source host names a computer: equal ignoring case, or, when one of the two is a short name, equal
     * short names ({@code FS01} = {@code fs01.contoso.com}). IP addresses only match exactly.
     */
    public static boolean sameHost(String a, String b) {
        if (a == null || b == null) {
            return false;
        }
        String x = trimDot(a.strip().toLowerCase(Locale.ROOT));
        String y = trimDot(b.strip().toLowerCase(Locale.ROOT));
        if (x.isEmpty() || y.isEmpty()) {
            return false;
        }
        if (x.equals(y)) {
            return true;
        }
        if (IP.matcher(x).matches() || IP.matcher(y).matches()) {
            return false;
        }
        if (x.contains(".") && y.contains(".")) {
            return false;
        }
        return shortName(x).equals(shortName(y));
    }

    private Virtualization fromLinux() {
        String detect;
        try {
            CommandRunner.Result r = runner.run(DETECT_VIRT, TIMEOUT);
            String out = JsonValues.firstLine(r.stdout()).toLowerCase(Locale.ROOT);
            if (r.exitCode() == 0 && !out.isEmpty() && !out.equals("none")) {
                return Virtualization.virtual(out, "systemd-detect-virt --vm printed " + out);
            }
            if (out.equals("none")) {
                return Virtualization.physical("systemd-detect-virt --vm printed none");
            }
            detect = "systemd-detect-virt --vm ended with exit code " + r.exitCode();
        } catch (IOException e) {
            detect = "systemd-detect-virt did not run";
        }
        Path dmi = root.resolve("sys/class/dmi/id");
        String vendor = read(dmi.resolve("sys_vendor"));
        String product = read(dmi.resolve("product_name"));
        String dmiText = String.join(" ", vendor, product, read(dmi.resolve("board_vendor")),
                read(dmi.resolve("bios_vendor"))).strip();
        String found = hypervisor(vendor, product, dmiText);
        String dmiEvidence = "DMI says " + (vendor + " " + product).strip();
        if (found != null) {
            return Virtualization.virtual(found, detect + "; " + dmiEvidence);
        }
        String cpu = read(root.resolve("proc/cpuinfo"));
        if (Pattern.compile("(?m)^flags\\s*:.*\\bhypervisor\\b").matcher(cpu).find()) {
            return Virtualization.virtual("vm-other", detect + "; /proc/cpuinfo has the hypervisor flag");
        }
        return Virtualization.physical(detect + "; " + (dmiText.isEmpty() ? "no DMI information"
                : dmiEvidence) + "; no hypervisor flag");
    }

    private Virtualization fromWindows() {
        JsonNode cs = windowsSystem();
        if (cs == null) {
            return Virtualization.physical("Win32_ComputerSystem could not be read");
        }
        String vendor = String.valueOf(JsonValues.text(cs, "Manufacturer"));
        String model = String.valueOf(JsonValues.text(cs, "Model"));
        String evidence = "Win32_ComputerSystem says " + vendor + " " + model;
        String found = hypervisor(vendor, model, vendor + " " + model);
        return found == null ? Virtualization.physical(evidence) : Virtualization.virtual(found, evidence);
    }

    /** The hypervisor the DMI or CIM strings name, as systemd-detect-virt would, or {@code null}. */
    static String hypervisor(String vendor, String product, String all) {
        String v = vendor.toLowerCase(Locale.ROOT);
        String p = product.toLowerCase(Locale.ROOT);
        String text = all.toLowerCase(Locale.ROOT);
        if (v.contains("microsoft") && p.contains("virtual machine")) {
            return "microsoft";
        }
        if (v.contains("amazon ec2") && !p.contains(".metal")) {
            return "amazon";
        }
        for (String[] sign : SIGNS) {
            if (Pattern.compile("\\b" + Pattern.quote(sign[0]) + "\\b").matcher(text).find()) {
                return sign[1];
            }
        }
        return null;
    }

    private List<String> linuxNames() {
        String name = read(root.resolve("proc/sys/kernel/hostname"));
        if (name.isEmpty()) {
            name = read(root.resolve("etc/hostname"));
        }
        if (name.isEmpty()) {
            try {
                CommandRunner.Result r = runner.run(HOSTNAME, TIMEOUT);
                name = r.exitCode() == 0 ? JsonValues.firstLine(r.stdout()) : "";
            } catch (IOException e) {
                name = "";
            }
        }
        return name.isEmpty() ? List.of() : List.of(name.toLowerCase(Locale.ROOT));
    }

    private List<String> windowsNames() {
        JsonNode cs = windowsSystem();
        List<String> names = new ArrayList<>();
        if (cs != null) {
            String name = JsonValues.text(cs, "Name");
            String dns = JsonValues.text(cs, "DNSHostName");
            String domain = JsonValues.text(cs, "Domain");
            for (String n : new String[] { name, dns }) {
                if (n != null && !names.contains(n.toLowerCase(Locale.ROOT))) {
                    names.add(n.toLowerCase(Locale.ROOT));
                }
            }
            if (dns != null && domain != null && domain.contains(".")) {
                names.add((dns + "." + domain).toLowerCase(Locale.ROOT));
            }
        }
        return List.copyOf(names);
    }

    private synchronized JsonNode windowsSystem() {
        if (cimSystem == null) {
            try {
                CommandRunner.Result r = runner.run(GetDiskDiscovery.powershell(WINDOWS_SYSTEM), TIMEOUT);
                if (r.exitCode() == 0) {
                    List<JsonNode> all = JsonValues.elements(JsonValues.read(r.stdout(), "Win32_ComputerSystem"));
                    cimSystem = all.isEmpty() ? null : all.get(0);
                }
            } catch (IOException e) {
                cimSystem = null;
            }
        }
        return cimSystem;
    }

    private static String read(Path file) {
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static String shortName(String host) {
        int dot = host.indexOf('.');
        return dot < 0 ? host : host.substring(0, dot);
    }

    private static String trimDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }
}
