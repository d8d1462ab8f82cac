import Foundation
import Testing
@testable import Nango
@testable import NangoJSON

/// `ISO8601Bytes` must return exactly what `ISO8601.parse` returns whenever it returns a date.
@Suite("ISO-8601 fast path")
struct DateTests {
    static func generated(seed: UInt64, count: Int) -> [String] {
        var random = RandomJSON(seed: seed)
        var texts: [String] = []
        for _ in 0..<count {
            func two(_ range: ClosedRange<Int>) -> String {
                let value = random.int(range)
                return value < 10 ? "0\(value)" : "\(value)"
            }
            var text = "\(random.int(0...9999))".leftPadded(to: 4) + "-" + two(0...13) + "-" + two(0...32)
            text += ["T", "T", "T", "t", " "][random.int(0...4)] + two(0...24) + ":" + two(0...60) + ":" + two(0...61)
            if random.chance(60) {
                text += "." + (0..<random.int(0...9)).map { _ in String(random.int(0...9)) }.joined()
            }
            switch random.int(0...6) {
            case 0: text += "Z"
            case 1: text += "z"
            case 2: text += "+" + two(0...24) + ":" + two(0...60)
            case 3: text += "-" + two(0...24) + two(0...60)
            case 4: text += "+" + two(0...24)
            case 5: text += ["", "+1", "+01:", "+01:5", "Zx", "+0130x"][random.int(0...5)]
            default: text += "-" + two(0...23) + ":" + two(0...59)
            }
            texts.append(text)
        }
        return texts
    }

    @Test("same result as ISO8601.parse", arguments: 0..<4)
    func sameAsISO8601(batch: Int) {
        var fast = 0
        for text in Self.generated(seed: 0xDA7E + UInt64(batch), count: 5_000) + [
            "2025-11-20T06:00:00.467268+00:00", "2025-10-02T05:24:42.467Z", "2024-02-29T23:59:60.999999Z",
            "0000-01-01T00:00:00Z", "9999-12-31T23:59:59.9999999999+23:59", "2025-01-01T00:00:00.Z",
        ] {
            let expected = ISO8601.parse(text)
            let bytes = Array(text.utf8)
            let actual = bytes.withUnsafeBufferPointer { ISO8601Bytes.parse($0) }
            if let actual {
                fast += 1
                #expect(actual.timeIntervalSince1970.bitPattern == expected?.timeIntervalSince1970.bitPattern, "\(text)")
            }
            // Through the decoder: the same as the SDK's JSONDecoder strategy, fast path or not.
            let json = Data("[\"\(text)\"]".utf8)
            let engine = outcome { try JSONEngine.decode([Date].self, from: json) }
            let foundation = outcome { try foundationDecode([Date].self, json) }
            #expect(engine == foundation, "\(text)")
        }
        #expect(fast > 500)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
