import Foundation
import PackagePlugin

/// Stamps the `billtop` executable with the commit and day it was built from (`billtop --version`).
///
/// A prebuild command, so it runs on every `swift build`, including a plain one on a fresh clone: the
/// commit would otherwise be whatever the last install script wrote. It runs `/bin/sh .ci/build-stamp`
/// (a system tool, as prebuild commands must), which says "unknown" without git metadata and rewrites
/// the generated file only when it changes, so a build on the same commit and day recompiles nothing.
@main
struct BuildStampPlugin: BuildToolPlugin {
    func createBuildCommands(context: PluginContext, target: Target) throws -> [Command] {
        let package = context.package.directoryURL
        let output = context.pluginWorkDirectoryURL.appendingPathComponent("stamp")
        return [
            .prebuildCommand(
                displayName: "Stamping billtop with its commit and build day",
                executable: URL(fileURLWithPath: "/bin/sh"),
                arguments: [
                    package.appendingPathComponent(".ci/build-stamp").path, package.path, output.path,
                ],
                outputFilesDirectory: output)
        ]
    }
}
