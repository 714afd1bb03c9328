import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

#if canImport(Glibc)
private let systemSend = Glibc.send
#else
private let systemSend = Darwin.send
#endif

/// A non-blocking UDP socket connected to one server: it only hears from that server, and an
/// ICMP "port unreachable" comes back as ECONNREFUSED instead of a silent 32 s wait.
final class UDPSocket {
    let fd: Int32
    /// This side's address as the server sees it ("192.0.2.7", "[2001:db8::7]") and port.
    let localHost: String
    let localPort: Int

    enum Failure: Error { case resolve(String), connect(String) }

    /// Resolves `host` (getaddrinfo: bounded by the resolver's own timeouts) and connects.
    init(host: String, port: Int) throws(Failure) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        #if canImport(Glibc)
        hints.ai_socktype = Int32(SOCK_DGRAM.rawValue)
        #else
        hints.ai_socktype = SOCK_DGRAM
        #endif
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw .resolve(String(cString: gai_strerror(rc)))
        }
        defer { freeaddrinfo(list) }
        var lastError = "no address"
        var cursor: UnsafeMutablePointer<addrinfo>? = first
        while let entry = cursor {
            cursor = entry.pointee.ai_next
            let fd = socket(entry.pointee.ai_family, entry.pointee.ai_socktype, entry.pointee.ai_protocol)
            guard fd >= 0 else { lastError = String(cString: strerror(errno)); continue }
            guard connect(fd, entry.pointee.ai_addr, entry.pointee.ai_addrlen) == 0 else {
                lastError = String(cString: strerror(errno))
                close(fd)
                continue
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            guard let local = UDPSocket.localAddress(fd) else { lastError = "no local address"; close(fd); continue }
            self.fd = fd
            localHost = local.host
            localPort = local.port
            return
        }
        throw .connect(lastError)
    }

    deinit { close(fd) }

    private static func localAddress(_ fd: Int32) -> (host: String, port: Int)? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let got = withUnsafeMutablePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard got == 0 else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        var service = [CChar](repeating: 0, count: Int(NI_MAXSERV))
        let rc = withUnsafePointer(to: &storage) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                getnameinfo($0, length, &host, socklen_t(host.count), &service, socklen_t(service.count), NI_NUMERICHOST | NI_NUMERICSERV)
            }
        }
        guard rc == 0, let port = Int(text(service)) else { return nil }
        let address = text(host)
        return (address.contains(":") ? "[\(address)]" : address, port)
    }

    /// A C string buffer's text, up to its NUL.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    enum SendResult { case sent, busy, refused(String) }

    func send(_ bytes: [UInt8]) -> SendResult {
        let n = bytes.withUnsafeBytes { systemSend(fd, $0.baseAddress, $0.count, 0) }
        if n >= 0 { return .sent }
        switch errno {
        case EAGAIN, EWOULDBLOCK, ENOBUFS, EINTR: return .busy  // the next retransmission tries again
        default: return .refused(String(cString: strerror(errno)))
        }
    }

    enum ReceiveResult { case datagram([UInt8]), nothing, refused(String) }

    func receive() -> ReceiveResult {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if n >= 0 { return .datagram(Array(buffer.prefix(n))) }
        switch errno {
        case EAGAIN, EWOULDBLOCK, EINTR: return .nothing
        default: return .refused(String(cString: strerror(errno)))
        }
    }

    /// Waits up to `milliseconds` for a datagram (or an ICMP error) to read.
    func wait(milliseconds: Int) -> Bool {
        var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&entry, 1, Int32(max(0, min(milliseconds, 1_000)))) > 0
    }
}
