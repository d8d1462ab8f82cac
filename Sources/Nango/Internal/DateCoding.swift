import Foundation

// Models read and write dates themselves, so that they work with any JSONDecoder or JSONEncoder (a user's own,
// or the SDK's), whatever its date strategy.
extension KeyedDecodingContainer {
    func decodeISO8601(forKey key: Key) throws -> Date {
        let text = try decode(String.self, forKey: key)
        guard let date = ISO8601.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "Expected an ISO-8601 date-time.")
        }
        return date
    }

    func decodeISO8601IfPresent(forKey key: Key) throws -> Date? {
        guard let text = try decodeIfPresent(String.self, forKey: key) else { return nil }
        guard let date = ISO8601.parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self, debugDescription: "Expected an ISO-8601 date-time.")
        }
        return date
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
