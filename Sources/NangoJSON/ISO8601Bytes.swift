import Foundation

/// A fast path for `ISO8601.parse` over a string's UTF-8 bytes, for the spellings Nango writes:
/// `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length, then `Z`, `±HH:MM`, `±HHMM` or `±HH`.
///
/// It performs the same checks and the same arithmetic, in the same order, as `ISO8601.parse`, so a `Date`
/// it returns is bit-for-bit the one `ISO8601.parse` returns (the tests compare them on generated inputs).
/// It saves making a `String` and `ISO8601.parse`'s copy of it. Anything else — lowercase `t`/`z`, a space
/// separator, or an invalid value — returns `nil`, and the caller asks `ISO8601.parse` itself, which stays
/// the one definition of the format.
enum ISO8601Bytes {
    static func parse(_ bytes: UnsafeBufferPointer<UInt8>) -> Date? {
        let count = bytes.count
        // The fixed part: 19 bytes, "YYYY-MM-DDTHH:MM:SS".
        guard count >= 20 else { return nil }
        func digit(_ index: Int) -> Int? {
            let value = Int(bytes[index]) &- 0x30
            return value >= 0 && value <= 9 ? value : nil
        }
        func number(_ index: Int, _ length: Int) -> Int? {
            var value = 0
            for offset in 0..<length {
                guard let digit = digit(index &+ offset) else { return nil }
                value = value &* 10 &+ digit
            }
            return value
        }
        guard let year = number(0, 4), bytes[4] == UInt8(ascii: "-"),
              let month = number(5, 2), bytes[7] == UInt8(ascii: "-"),
              let day = number(8, 2), bytes[10] == UInt8(ascii: "T"),
              let hour = number(11, 2), bytes[13] == UInt8(ascii: ":"),
              let minute = number(14, 2), bytes[16] == UInt8(ascii: ":"),
              let second = number(17, 2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour <= 23, minute <= 59, second <= 60 else {
            return nil
        }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index &+= 1
            var scale = 0.1
            var sawDigit = false
            while index < count, let digit = digit(index) {
                fraction += Double(digit) * scale
                scale /= 10
                sawDigit = true
                index &+= 1
            }
            guard sawDigit else { return nil }
        }
        guard index < count else { return nil }
        var offsetSeconds = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"):
            index &+= 1
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            index &+= 1
            guard index &+ 2 <= count, let hours = number(index, 2), hours <= 23 else { return nil }
            index &+= 2
            var minutes = 0
            if index < count, bytes[index] == UInt8(ascii: ":") {
                guard index &+ 3 <= count, let value = number(index &+ 1, 2) else { return nil }
                minutes = value
                index &+= 3
            } else if index &+ 2 <= count, let value = number(index, 2) {
                minutes = value
                index &+= 2
            }
            guard minutes <= 59 else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        guard index == count else { return nil }
        let days = ISO8601.daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }
}
