import Foundation
import NangoJSON

// Models read and write dates themselves, so that they work with any JSONDecoder or JSONEncoder (a user's own,
// or the SDK's), whatever its date strategy.
extension KeyedDecodingContainer {
    func decodeISO8601(forKey key: Key) throws -> Date {
        try decode(ISO8601Date.self, forKey: key).date
    }

    func decodeISO8601IfPresent(forKey key: Key) throws -> Date? {
        try decodeIfPresent(ISO8601Date.self, forKey: key)?.date
    }
}

/// An ISO-8601 date-time read from a JSON string, whatever the decoder's date strategy. Through the SDK's own
/// decoder it is read straight from the document's bytes (the same rules as ``ISO8601/parse(_:)``).
private struct ISO8601Date: Decodable {
    let date: Date

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if IndexDecoder.engine(decoder) != nil {
            // The engine decodes `Date` with the SDK's strategy: `ISO8601.parse` semantics, from the bytes.
            date = try container.decode(Date.self)
            return
        }
        guard let date = ISO8601.parse(try container.decode(String.self)) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Expected an ISO-8601 date-time.")
        }
        self.date = date
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
