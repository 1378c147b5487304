import BillingSync
import Foundation

// The fuzz target of billtop's page parser and record mappers (`PageDecoding.exercise`).
//
// Built by `.ci/fuzz` with `-sanitize=fuzzer,address -D BILLTOP_LIBFUZZER`: libFuzzer supplies `main` and
// calls `LLVMFuzzerTestOneInput` with each input it makes; a trap, a sanitizer report or a broken promise
// (`fatalError` below) stops it and leaves the input as `crash-*`. In an ordinary build it is a small tool
// that replays inputs (files or directories of them) through the same function, to reproduce a crash
// without the fuzzer: `swift run BilltopFuzz Tests/Fuzz/regressions`.

#if BILLTOP_LIBFUZZER
    @_cdecl("LLVMFuzzerTestOneInput")
    public func billtopFuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
        let body = data.map { Data(bytes: $0, count: size) } ?? Data()
        let result = PageDecoding.exercise(body)
        if let problem = result.problems.first { fatalError("broken promise: \(problem)") }
        return 0
    }

    /// libFuzzer's driver (`main` of an ordinary libFuzzer binary), called from ours.
    @_silgen_name("LLVMFuzzerRunDriver")
    func runFuzzerDriver(
        _ argc: UnsafeMutablePointer<CInt>,
        _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
        _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt

    /// SwiftPM links every executable with `main` aliased to `<module>_main` (so tests can link executables),
    /// which leaves libFuzzer's own `main` out: this is that symbol, and it hands over to libFuzzer's driver.
    @_cdecl("BilltopFuzz_main")
    public func billtopFuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
        var count = argc
        var arguments = argv
        return runFuzzerDriver(&count, &arguments) { data, size in billtopFuzzOneInput(data, size) }
    }
#else
    @main
    struct FuzzReplay {
        static func main() {
            let paths = CommandLine.arguments.dropFirst()
            guard !paths.isEmpty else {
                FileHandle.standardError.write(Data("usage: BilltopFuzz FILE_OR_DIRECTORY...\n".utf8))
                exit(2)
            }
            var failed = false
            for path in paths {
                for file in files(at: path) {
                    guard let body = FileManager.default.contents(atPath: file) else { continue }
                    let result = PageDecoding.exercise(body)
                    print(
                        "\(file): \(result.records) records\(result.problems.isEmpty ? "" : ", " + result.problems.joined(separator: "; "))"
                    )
                    failed = failed || !result.problems.isEmpty
                }
            }
            exit(failed ? 1 : 0)
        }

        static func files(at path: String) -> [String] {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return [path]
            }
            let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
            return names.sorted().map { path + "/" + $0 }
        }
    }
#endif
