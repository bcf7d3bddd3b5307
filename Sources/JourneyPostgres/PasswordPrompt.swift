import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Reads a password from the controlling terminal with echo off (as psql does), restoring
/// the terminal's settings afterwards. nil without a terminal (CI, pipes: the run fails
/// naming PGPASSWORD and ~/.pgpass instead of waiting) or when nothing was typed.
enum PasswordPrompt {
    static func read(_ prompt: String) -> String? {
        guard isatty(STDIN_FILENO) != 0 else { return nil }
        let tty = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC)
        guard tty >= 0 else { return nil }
        defer { close(tty) }
        var saved = termios()
        guard tcgetattr(tty, &saved) == 0 else { return nil }
        var quiet = saved
        quiet.c_lflag &= ~tcflag_t(ECHO)
        quiet.c_lflag |= tcflag_t(ECHONL)
        // Echo goes off before the prompt shows, so nothing typed after it is flushed or echoed.
        guard tcsetattr(tty, TCSAFLUSH, &quiet) == 0 else { return nil }
        defer { tcsetattr(tty, TCSANOW, &saved) }
        _ = prompt.withCString { Glibc.write(tty, $0, strlen($0)) }
        var bytes: [UInt8] = []
        var byte: UInt8 = 0
        while Glibc.read(tty, &byte, 1) == 1, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") {
            bytes.append(byte)
            if bytes.count > 4096 { break }
        }
        defer { for i in bytes.indices { bytes[i] = 0 } }
        return bytes.isEmpty ? nil : String(decoding: bytes, as: UTF8.self)
    }
}
