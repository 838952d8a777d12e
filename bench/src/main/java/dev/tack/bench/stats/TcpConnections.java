package dev.tack.bench.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts a proxy's established TCP connections to one remote port (its origin's): how many origin
 * connections it holds. {@code /proc/net/tcp} and {@code tcp6} list every socket of the network namespace
 * with its state, remote address and inode; {@code /proc/<pid>/fd} links name the inodes a process owns, so
 * only the proxy's own sockets count (the origin's side of the same connections has the port as its local
 * one and is not counted anyway). A table line:
 *
 * <pre>
 *   sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode
 *    0: 0100007F:E1F2 0100007F:1F9A 01 00000000:00000000 00:00000000 00000000     0        0 481516 ...
 * </pre>
 *
 * (remote port {@code 1F9A} = 8090, state {@code 01} = ESTABLISHED.)
 */
public final class TcpConnections {
    private static final String ESTABLISHED = "01";

    private TcpConnections() {
    }

    /**
     * The established TCP connections owned by {@code pids} whose remote port is {@code remotePort}; processes
     * that ended are skipped.
     */
    public static int established(List<Long> pids, int remotePort) {
        if (pids.isEmpty()) {
            return 0;
        }
        Path net = Path.of("/proc", Long.toString(pids.get(0)), "net");
        Set<Long> candidates = new HashSet<>();
        for (String table : List.of("tcp", "tcp6")) {
            try {
                candidates.addAll(inodesTo(Files.readString(net.resolve(table)), remotePort));
            } catch (NoSuchFileException e) {
                // no IPv6 table on this kernel, or the process ended
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + net.resolve(table), e);
            }
        }
        if (candidates.isEmpty()) {
            return 0;
        }
        int count = 0;
        for (long pid : pids) {
            count += owned(pid, candidates);
        }
        return count;
    }

    /** The inodes of the ESTABLISHED sockets with remote port {@code remotePort} in a {@code /proc/net/tcp} text. */
    static Set<Long> inodesTo(String table, int remotePort) {
        Set<Long> out = new HashSet<>();
        String[] lines = table.split("\n");
        for (int i = 1; i < lines.length; i++) {
            String[] f = lines[i].trim().split("\\s+");
            if (f.length < 10 || !ESTABLISHED.equals(f[3])) {
                continue;
            }
            String remote = f[2];
            int colon = remote.lastIndexOf(':');
            if (colon < 0 || Integer.parseInt(remote.substring(colon + 1), 16) != remotePort) {
                continue;
            }
            out.add(Long.parseLong(f[9]));
        }
        return out;
    }

    /** How many of {@code inodes} are sockets open in process {@code pid}. */
    private static int owned(long pid, Set<Long> inodes) {
        int count = 0;
        try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds) {
                Long inode = socketInode(fd);
                if (inode != null && inodes.contains(inode)) {
                    count++;
                }
            }
        } catch (NoSuchFileException e) {
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException("listing /proc/" + pid + "/fd", e);
        }
        return count;
    }

    /** The inode of a {@code socket:[N]} descriptor link, or null for anything else (or a descriptor just closed). */
    private static Long socketInode(Path fd) {
        try {
            String target = Files.readSymbolicLink(fd).toString();
            if (target.startsWith("socket:[") && target.endsWith("]")) {
                return Long.parseLong(target.substring(8, target.length() - 1));
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
