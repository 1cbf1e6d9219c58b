import Foundation
import TelemetryCore

func bytes(_ s: String) -> [UInt8] { Array(s.utf8) }

let pointA = UUID(uuidString: "6f1c2b9e-0d4a-4c1e-9a57-3b2d8e4f5a61")!
let pointB = UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!

extension TelemetryDecodeError {
    /// `line:column item field code: message`, compact for exact assertions.
    var summary: String {
        "\(line):\(column) \(itemIndex.map(String.init) ?? "-") \(field ?? "-") \(code.rawValue): \(message)"
    }
}

extension TelemetryBatch {
    var errorSummaries: [String] { errors.map(\.summary) }
}
