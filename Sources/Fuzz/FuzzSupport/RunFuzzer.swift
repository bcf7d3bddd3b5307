import CFuzzer
#if canImport(Glibc)
import Glibc
#endif

/// Hands control to libFuzzer with the process arguments; `body` is called once per input.
/// The corresponding C function is `LLVMFuzzerRunDriver`.
public func runFuzzer(_ body: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    let status = LLVMFuzzerRunDriver(&argc, &argv, body)
    exit(status)
}
