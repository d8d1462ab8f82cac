package import Foundation

/// ISO-8601 timestamps as Nango writes them, without `DateFormatter` (slow, and not `Sendable`).
///
/// Parses `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any length (milliseconds, microseconds, ...), and
/// `Z`, `+HH:MM`, `+HHMM` or `+HH`. Formats UTC with milliseconds and `Z`, as JavaScript's `toISOString()`, or
/// with microseconds and `+00:00`, as Nango writes records' metadata. `package`, so that `NangoTesting`'s fake
/// server writes and reads dates exactly as the SDK does.
package enum ISO8601 {
    package static func parse(_ text: String) -> Date? {
        var utf8 = Array(text.utf8)
        // A lowercase `t` or `z`, or a space separator, are accepted by RFC 3339 readers; accept them too.
        for index in utf8.indices {
            switch utf8[index] {
            case UInt8(ascii: "t"): utf8[index] = UInt8(ascii: "T")
            case UInt8(ascii: " ") where index == 10: utf8[index] = UInt8(ascii: "T")
            case UInt8(ascii: "z"): utf8[index] = UInt8(ascii: "Z")
            default: break
            }
        }
        var reader = Reader(bytes: utf8)
        guard let year = reader.number(digits: 4), reader.skip("-"),
              let month = reader.number(digits: 2), reader.skip("-"),
              let day = reader.number(digits: 2), reader.skip("T"),
              let hour = reader.number(digits: 2), reader.skip(":"),
              let minute = reader.number(digits: 2), reader.skip(":"),
              let second = reader.number(digits: 2)
        else { return nil }
        guard (1...12).contains(month), (1...31).contains(day), hour <= 23, minute <= 59, second <= 60 else {
            return nil
        }
        var fraction = 0.0
        if reader.skip(".") {
            var scale = 0.1
            var sawDigit = false
            while let digit = reader.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                sawDigit = true
            }
            guard sawDigit else { return nil }
        }
        var offsetSeconds = 0
        if reader.skip("Z") {
            offsetSeconds = 0
        } else if let sign = reader.sign() {
            guard let hours = reader.number(digits: 2), hours <= 23 else { return nil }
            var minutes = 0
            if reader.skip(":") {
                guard let value = reader.number(digits: 2) else { return nil }
                minutes = value
            } else if let value = reader.number(digits: 2) {
                minutes = value
            }
            guard minutes <= 59 else { return nil }
            offsetSeconds = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard reader.isAtEnd else { return nil }
        let days = daysFromCivil(year: year, month: month, day: day)
        let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// `2026-08-01T10:20:30.123Z`: UTC, milliseconds, `Z`, as JavaScript's `toISOString()` writes (used in
    /// queries). With `keepingMicroseconds`, a date with a sub-millisecond part keeps six digits
    /// (`…30.123456Z`), so a timestamp Nango wrote with microseconds survives a decode and encode.
    package static func format(_ date: Date, keepingMicroseconds: Bool = false) -> String {
        guard isRepresentable(date) else { return "invalid-date" }
        // Integer microseconds (exact in a Double up to year 2255), rounded: `.123` is stored as 0.12299999….
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let totalSeconds = Int(micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000)
        var fraction = Int(micros - Int64(totalSeconds) * 1_000_000)
        var digits = 6
        if !keepingMicroseconds || fraction % 1000 == 0 {
            fraction = (fraction + (keepingMicroseconds ? 0 : 500)) / 1000
            digits = 3
        }
        var seconds = totalSeconds
        if fraction >= 1000 && digits == 3 {
            fraction -= 1000
            seconds += 1
        }
        return write(seconds: seconds, fraction: fraction, digits: digits, suffix: "Z")
    }

    /// `2026-08-01T10:20:30.123456+00:00`: UTC, always six fraction digits and `+00:00`, as Nango writes the
    /// timestamps of records' `_nango_metadata` and of connections.
    package static func formatWithMicroseconds(_ date: Date) -> String {
        guard isRepresentable(date) else { return "invalid-date" }
        let micros = Int64((date.timeIntervalSince1970 * 1_000_000).rounded())
        let seconds = Int(micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000)
        return write(seconds: seconds, fraction: Int(micros - Int64(seconds) * 1_000_000), digits: 6, suffix: "+00:00")
    }

    /// The date and time of `seconds` since 1970 in UTC, with `fraction` written in `digits` digits.
    private static func write(seconds: Int, fraction: Int, digits: Int, suffix: String) -> String {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondsOfDay = seconds - days * 86_400
        let (year, month, day) = civilFromDays(days)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2) + "T"
            + pad(secondsOfDay / 3600, 2) + ":" + pad(secondsOfDay % 3600 / 60, 2) + ":" + pad(secondsOfDay % 60, 2)
            + "." + pad(fraction, digits) + suffix
    }

    /// Whether `date` falls in the years 0001–9999, which ISO-8601's four-digit years can write.
    package static func isRepresentable(_ date: Date) -> Bool {
        let seconds = date.timeIntervalSince1970
        return seconds.isFinite && seconds >= -62_135_596_800 && seconds < 253_402_300_800
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
    }

    // Howard Hinnant's days-from-civil and its inverse (public domain algorithms), proleptic Gregorian. Also used by
    // the JSON engine's byte-level date reader.
    package static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    private static func civilFromDays(_ days: Int) -> (Int, Int, Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return (year, month, day)
    }

    private struct Reader {
        let bytes: [UInt8]
        var index = 0

        var isAtEnd: Bool { index == bytes.count }

        mutating func digit() -> Int? {
            guard index < bytes.count, bytes[index] >= UInt8(ascii: "0"), bytes[index] <= UInt8(ascii: "9") else {
                return nil
            }
            defer { index += 1 }
            return Int(bytes[index] - UInt8(ascii: "0"))
        }

        mutating func number(digits: Int) -> Int? {
            var value = 0
            for _ in 0..<digits {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }

        mutating func skip(_ character: Unicode.Scalar) -> Bool {
            guard index < bytes.count, bytes[index] == UInt8(ascii: character) else { return false }
            index += 1
            return true
        }

        mutating func sign() -> Int? {
            if skip("+") { return 1 }
            if skip("-") { return -1 }
            return nil
        }
    }
}
