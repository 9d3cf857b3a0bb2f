import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Which other process has a database open, told by the POSIX locks SQLite
/// takes on the database file and on its `-shm` file (every connection in
/// WAL mode holds a shared lock there while it is open). Locks of this
/// process never count (POSIX locks are per process).
enum DatabaseHolders {
    /// The id of another process holding a lock on the database or its `-shm` file, or nil.
    static func otherHolder(of databasePath: String) -> pid_t? {
        for path in [databasePath, databasePath + "-shm"] {
            let descriptor = open(path, O_RDONLY | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            defer { close(descriptor) }
            var probe = flock()
            probe.l_type = Int16(F_WRLCK)
            probe.l_whence = Int16(SEEK_SET)
            probe.l_start = 0
            probe.l_len = 0
            if fcntl(descriptor, F_GETLK, &probe) == 0, probe.l_type != Int16(F_UNLCK) { return probe.l_pid }
        }
        return nil
    }
}
