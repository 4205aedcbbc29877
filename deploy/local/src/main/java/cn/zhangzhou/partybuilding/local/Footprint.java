package cn.zhangzhou.partybuilding.local;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What the platform holds in memory: the proportional set size (PSS: each shared page divided among the processes
 * that map it, so the sum is what they hold together) of every process of the platform, from Linux's
 * {@code /proc/<pid>/smaps_rollup}.
 */
final class Footprint {

    /** One process (or a group, e.g. PostgreSQL and its backends) and its PSS in KiB. */
    record Part(String name, int processes, long pssKiB) {
    }

    private final List<Part> parts = new ArrayList<>();

    /** Adds a process and its descendants (PostgreSQL's backends) under one name; nothing if it is gone. */
    Footprint add(String name, long pid, boolean withDescendants) {
        List<Long> pids = new ArrayList<>(List.of(pid));
        if (withDescendants) {
            ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
        }
        long pss = pids.stream().mapToLong(Footprint::pssKiB).filter(kib -> kib >= 0).sum();
        parts.add(new Part(name, pids.size(), pss));
        return this;
    }

    List<Part> parts() {
        return parts;
    }

    long totalKiB() {
        return parts.stream().mapToLong(Part::pssKiB).sum();
    }

    /** One line per part and the total, in MiB. */
    String table() {
        StringBuilder out = new StringBuilder();
        for (Part p : parts) {
            out.append(String.format(Locale.ROOT, "  %-48s %6.0f MiB%n",
                    p.name() + (p.processes() > 1 ? " (" + p.processes() + " processes)" : ""), p.pssKiB() / 1024.0));
        }
        out.append(String.format(Locale.ROOT, "  %-48s %6.0f MiB", "total", totalKiB() / 1024.0));
        return out.toString();
    }

    /** The Pss line of {@code /proc/<pid>/smaps_rollup} in KiB, or -1 when unreadable (gone, not Linux). */
    static long pssKiB(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "smaps_rollup"))) {
                if (line.startsWith("Pss:")) {
                    return Long.parseLong(line.substring(4).replace("kB", "").strip());
                }
            }
        } catch (IOException | RuntimeException gone) {
            // The process ended between the listing and the read, or there is no /proc.
        }
        return -1;
    }
}
