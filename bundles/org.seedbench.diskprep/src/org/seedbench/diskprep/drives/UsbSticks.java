package org.seedbench.diskprep.drives;

import java.util.List;
import java.util.Locale;

/**
 * Tells a SATA drive in a USB adaptor (allowed by the import service, which receives the bare drive) from a
 * USB flash stick (refused). Neither Linux nor Windows says this outright; the heuristic weighs, in order:
 * <ol>
 * <li>a model or vendor naming a flash stick ("Flash", "Cruzer", "DataTraveler", "JumpDrive", "Ultra Fit",
 * "USB Disk", "Pen Drive", "Voyager"…) → stick;</li>
 * <li>vendor {@code ATA}: the USB-SATA bridge translates SCSI to ATA and passes the drive's own identity
 * through → SATA drive in an adaptor;</li>
 * <li>a model naming an external SATA drive line or a bridge chip ("Elements", "My Passport", "My Book",
 * "Expansion", "Backup Plus", "Canvio", "ASMT", "JMicron", "SATA"…) → SATA drive in an adaptor;</li>
 * <li>the removable-media bit (lsblk {@code RM}, Windows Win32_DiskDrive "Removable Media"): USB sticks set
 * it, USB-SATA bridges report fixed media → stick when set, adaptor when clear;</li>
 * <li>when that bit is unknown: a reported media type HDD or SSD → adaptor; else a size above 512 GB →
 * adaptor, up to 512 GB → stick.</li>
 * </ol>
 * The rotational flag is not used: Linux counts most USB sticks as rotational.
 */
final class UsbSticks {
    /** Sticks larger than this are rare; SATA drives smaller than this are rarely shipped. */
    static final long LARGEST_USUAL_STICK = 512_000_000_000L;

    private static final List<String> STICK_WORDS = List.of("flash", "cruzer", "datatraveler", "jumpdrive",
            "ultra fit", "ultra flair", "ultra luxe", "usb disk", "pen drive", "pendrive", "thumb", "udisk",
            "u disk", "traveler", "voyager", "store n go", "memory stick");
    private static final List<String> ADAPTOR_WORDS = List.of("elements", "my passport", "my book", "easystore",
            "expansion", "backup plus", "one touch", "canvio", "external", "ext hdd", "asmt", "asm105",
            "asm115", "asm1153", "jmicron", "jms5", "sata", "hdd");

    record Verdict(boolean stick, String reason) {
    }

    private UsbSticks() {
    }

    /**
     * @param removableMedia {@code null} when the operating system did not say
     * @param reportedMedia  HDD or SSD when the operating system reported one, else {@code null}
     */
    static Verdict classify(String vendor, String model, Boolean removableMedia, String reportedMedia, long size) {
        String shown = ((vendor == null ? "" : vendor.strip()) + " " + (model == null ? "" : model.strip())).strip();
        String name = shown.toLowerCase(Locale.ROOT).replace('_', ' ');
        for (String w : STICK_WORDS) {
            if (name.contains(w)) {
                return new Verdict(true, "its name '" + shown + "' is that of a USB flash stick");
            }
        }
        if (vendor != null && vendor.trim().equalsIgnoreCase("ATA")) {
            return new Verdict(false, "its USB bridge passes an ATA (SATA) drive's identity through");
        }
        for (String w : ADAPTOR_WORDS) {
            if (name.contains(w)) {
                return new Verdict(false,
                        "its name '" + shown + "' is that of an external SATA drive or a USB-SATA bridge");
            }
        }
        if (removableMedia != null) {
            return removableMedia
                    ? new Verdict(true, "it reports removable media, as USB sticks do")
                    : new Verdict(false, "it reports fixed media, as USB-SATA bridges do");
        }
        if (reportedMedia != null) {
            return new Verdict(false, "it reports media type " + reportedMedia);
        }
        return size > LARGEST_USUAL_STICK
                ? new Verdict(false, "it is larger than USB sticks usually are")
                : new Verdict(true, "it reports neither removable nor fixed media and holds at most 512 GB");
    }
}
