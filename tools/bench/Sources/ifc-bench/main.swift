import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Usage: ifc-bench [--phase parse|decode] [--repeat N] [--json] FILE
/// Prints wall time (best of N), MB/s over the file size and peak RSS.
let phases: [any BenchPhase] = [ParsePhase(), DecodePhase(), COBiePhase(), InspectPhase()]

var phaseName = "parse"
var repeats = 3
var json = false
var path: String?
var args = CommandLine.arguments.dropFirst()
while let arg = args.popFirst() {
    switch arg {
    case "--phase": phaseName = args.popFirst() ?? phaseName
    case "--repeat": repeats = max(1, Int(args.popFirst() ?? "") ?? repeats)
    case "--json": json = true
    default: path = arg
    }
}
guard let path, let phase = phases.first(where: { $0.name == phaseName }) else {
    let names = phases.map(\.name).joined(separator: "|")
    FileHandle.standardError.write(Data("usage: ifc-bench [--phase \(names)] [--repeat N] [--json] FILE\n".utf8))
    exit(2)
}

let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
/// User + system CPU seconds of this process: on a shared, oversubscribed machine the
/// wall time includes waiting for a core, so both are reported.
func cpuSeconds() -> Double {
    var u = rusage()
    #if os(Linux)
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &u)
    #else
    getrusage(RUSAGE_SELF, &u)
    #endif
    return Double(u.ru_utime.tv_sec) + Double(u.ru_utime.tv_usec) / 1e6 + Double(u.ru_stime.tv_sec)
        + Double(u.ru_stime.tv_usec) / 1e6
}

var best = Double.infinity
var bestCPU = Double.infinity
var extra: [(String, String)] = []
do {
    for _ in 0..<repeats {
        let start = DispatchTime.now().uptimeNanoseconds
        let cpuStart = cpuSeconds()
        extra = try phase.run(path: path)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
        best = min(best, seconds)
        bestCPU = min(bestCPU, cpuSeconds() - cpuStart)
    }
} catch {
    FileHandle.standardError.write(Data("ifc-bench: \(error)\n".utf8))
    exit(1)
}
var usage = rusage()
#if os(Linux)
getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
let peakBytes = Int(usage.ru_maxrss) * 1024
#else
getrusage(RUSAGE_SELF, &usage)
let peakBytes = Int(usage.ru_maxrss)
#endif
let mbPerSecond = Double(size) / 1e6 / best
let mbPerCPUSecond = Double(size) / 1e6 / max(bestCPU, 1e-6)
if json {
    let fields = extra.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ")
    print(
        "{\"phase\": \"\(phase.name)\", \"file\": \"\(path)\", \"bytes\": \(size), \"seconds\": \(best), "
            + "\"mb_per_s\": \(mbPerSecond), \"cpu_seconds\": \(bestCPU), \"mb_per_cpu_s\": \(mbPerCPUSecond), \"peak_rss_bytes\": \(peakBytes), \(fields)}")
} else {
    print("phase      \(phase.name)")
    print("file       \(path) (\(String(format: "%.1f", Double(size) / 1e6)) MB)")
    print("wall       \(String(format: "%.4f", best)) s (best of \(repeats))")
    print("cpu        \(String(format: "%.4f", bestCPU)) s user+sys (best of \(repeats))")
    print("throughput \(String(format: "%.0f", mbPerSecond)) MB/s wall, \(String(format: "%.0f", mbPerCPUSecond)) MB/s cpu")
    print("peak RSS   \(String(format: "%.1f", Double(peakBytes) / 1e6)) MB (\(String(format: "%.2f", Double(peakBytes) / Double(max(size, 1))))× file)")
    for (k, v) in extra { print("\(k.padding(toLength: 10, withPad: " ", startingAt: 0)) \(v)") }
}
