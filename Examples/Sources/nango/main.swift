// The `nango` executable: everything lives in NangoCLI, so that tests run the same commands.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NangoCLI

exit(await NangoCommand.run(Array(CommandLine.arguments.dropFirst()), context: .standard))
