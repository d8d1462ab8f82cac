import Foundation
import NangoJSON

// Models read and write dates themselves, so that they work with any JSONDecoder or JSONEncoder (a user's own,
// or the SDK's), whatever its date strategy.
extension KeyedDecodingContainer {
    func decodeISO8601(forKey key: Key) throws -> Date {
        try decode(NangoDate.self, forKey: key).date
    }

    func decodeISO8601IfPresent(forKey key: Key) throws -> Date? {
        try decodeIfPresent(NangoDate.self, forKey: key)?.date
    }
}

extension KeyedEncodingContainer {
    mutating func encodeISO8601(_ date: Date, forKey key: Key) throws {
        guard ISO8601.isRepresentable(date) else {
            throw EncodingError.invalidValue(
                date,
                .init(codingPath: codingPath + [key], debugDescription: "The date is outside the years 0001–9999.")
            )
        }
        try encode(ISO8601.format(date, keepingMicroseconds: true), forKey: key)
    }

    mutating func encodeISO8601IfPresent(_ date: Date?, forKey key: Key) throws {
        guard let date else { return }
        try encodeISO8601(date, forKey: key)
    }
}
