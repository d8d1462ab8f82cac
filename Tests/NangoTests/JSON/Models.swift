import Foundation
@testable import Nango

// Model types for the differential tests: each is decoded by the engine and by Foundation's JSONDecoder.

enum Stage: String, Codable, Equatable, Sendable {
    case lead, customer, evangelist
}

enum Priority: Int, Codable, Equatable, Sendable {
    case low = 1, medium = 2, high = 3
}

struct Address: Codable, Equatable, Sendable {
    var street: String
    var city: String
    var postalCode: String?
    var country: String

    enum CodingKeys: String, CodingKey {
        case street, city, country
        case postalCode = "postal_code"
    }
}

struct Person: Codable, Equatable, Sendable {
    var id: String
    var name: String
    var age: Int?
    var score: Double
    var active: Bool
    var stage: Stage
    var priority: Priority?
    var tags: [String]
    var address: Address
    var previous: [Address]?
    var attributes: [String: String]
    var counters: [String: Int]?
    var createdAt: Date
    var deletedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, age, score, active, stage, priority, tags, address, previous, attributes, counters
        case createdAt = "created_at"
        case deletedAt = "deleted_at"
    }
}

struct People: Codable, Equatable, Sendable {
    var records: [Person]
    var nextCursor: String?

    enum CodingKeys: String, CodingKey {
        case records
        case nextCursor = "next_cursor"
    }
}

/// Every fixed-width integer type, and the floating-point ones.
struct Numbers: Codable, Equatable, Sendable {
    var i: Int
    var i8: Int8
    var i16: Int16
    var i32: Int32
    var i64: Int64
    var u: UInt
    var u8: UInt8
    var u16: UInt16
    var u32: UInt32
    var u64: UInt64
    var f: Float
    var d: Double
}

struct Special: Codable, Equatable, Sendable {
    var date: Date
    var data: Data
    var url: URL
    var decimal: Decimal
    var optionalURL: URL?
    var json: JSONValue?
}

/// Dictionaries with String and Int keys, nested collections and optional elements.
struct Collections: Codable, Equatable, Sendable {
    var byName: [String: Int]
    var byNumber: [Int: String]
    var matrix: [[Double]]
    var optionals: [Int?]
    var nested: [String: [String: Bool]]
    var values: [JSONValue]
    var object: [String: JSONValue]
}

/// A class hierarchy decoded through `superDecoder()` and `superDecoder(forKey:)`.
class Animal: Decodable, Equatable, @unchecked Sendable {
    let name: String
    let legs: Int

    enum CodingKeys: String, CodingKey { case name, legs }

    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        legs = try container.decode(Int.self, forKey: .legs)
    }

    func isEqual(to other: Animal) -> Bool { name == other.name && legs == other.legs && type(of: self) == type(of: other) }

    static func == (lhs: Animal, rhs: Animal) -> Bool { lhs.isEqual(to: rhs) }
}

final class Dog: Animal, @unchecked Sendable {
    let breed: String

    enum DogKeys: String, CodingKey { case breed }

    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: DogKeys.self)
        breed = try container.decode(String.self, forKey: .breed)
        try super.init(from: container.superDecoder())
    }

    override func isEqual(to other: Animal) -> Bool {
        guard let other = other as? Dog else { return false }
        return breed == other.breed && super.isEqual(to: other)
    }
}

final class Cat: Animal, @unchecked Sendable {
    let indoor: Bool

    enum CatKeys: String, CodingKey { case indoor, base }

    required init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CatKeys.self)
        indoor = try container.decode(Bool.self, forKey: .indoor)
        try super.init(from: container.superDecoder(forKey: .base))
    }

    override func isEqual(to other: Animal) -> Bool {
        guard let other = other as? Cat else { return false }
        return indoor == other.indoor && super.isEqual(to: other)
    }
}

struct Pets: Decodable, Equatable, Sendable {
    var dogs: [Dog]
    var cat: Cat?

    static func == (lhs: Pets, rhs: Pets) -> Bool {
        lhs.dogs.count == rhs.dogs.count && zip(lhs.dogs, rhs.dogs).allSatisfy { $0.isEqual(to: $1) }
            && (lhs.cat == nil) == (rhs.cat == nil)
            && (lhs.cat.map { cat in rhs.cat.map { cat.isEqual(to: $0) } ?? false } ?? true)
    }
}

/// A hand-written `init(from:)` with nested keyed and unkeyed containers, `decodeNil`, `contains`,
/// `allKeys`, single-value containers and `superDecoder()` of an unkeyed container.
struct Geometry: Decodable, Equatable, Sendable {
    var latitude: Double
    var longitude: Double
    var first: Int
    var rest: [Int]
    var label: String?
    var hasExtra: Bool
    var keys: [String]
    var wrapped: String
    var tail: Int?

    enum Keys: String, CodingKey { case location, coordinates, label, extra, wrapped }
    enum LocationKeys: String, CodingKey { case lat, lng }

    struct Wrapper: Decodable {
        var value: String

        init(from decoder: any Decoder) throws {
            value = try decoder.singleValueContainer().decode(String.self)
        }
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Keys.self)
        let location = try container.nestedContainer(keyedBy: LocationKeys.self, forKey: .location)
        latitude = try location.decode(Double.self, forKey: .lat)
        longitude = try location.decode(Double.self, forKey: .lng)
        keys = location.allKeys.map(\.stringValue).sorted()
        var coordinates = try container.nestedUnkeyedContainer(forKey: .coordinates)
        first = try coordinates.decode(Int.self)
        var inner = try coordinates.nestedUnkeyedContainer()
        var rest: [Int] = []
        while !inner.isAtEnd {
            if try inner.decodeNil() { continue }
            rest.append(try inner.decode(Int.self))
        }
        self.rest = rest
        if coordinates.isAtEnd {
            tail = nil
        } else {
            tail = try Int(from: coordinates.superDecoder())
        }
        label = try container.decodeNil(forKey: .label) ? nil : try container.decode(String.self, forKey: .label)
        hasExtra = container.contains(.extra)
        wrapped = try container.decode(Wrapper.self, forKey: .wrapped).value
    }
}

/// Optional handling: `decodeIfPresent` for every primitive, and nested optionals.
struct Optionals: Codable, Equatable, Sendable {
    var s: String?
    var i: Int?
    var i8: Int8?
    var u64: UInt64?
    var d: Double?
    var f: Float?
    var b: Bool?
    var date: Date?
    var nested: Address?
    var list: [String]?
}

/// The shape of the benchmark's records.
struct EngineContact: Codable, Equatable, Sendable {
    struct Company: Codable, Equatable, Sendable {
        var id: String
        var name: String
        var employeeCount: Int

        enum CodingKeys: String, CodingKey {
            case id, name
            case employeeCount = "employee_count"
        }
    }

    struct Metadata: Codable, Equatable, Sendable {
        var deletedAt: Date?
        var lastAction: String
        var firstSeenAt: Date
        var cursor: String

        enum CodingKeys: String, CodingKey {
            case cursor
            case deletedAt = "deleted_at"
            case lastAction = "last_action"
            case firstSeenAt = "first_seen_at"
        }
    }

    var id: String
    var email: String
    var company: Company
    var leadScore: Double
    var tags: [String]
    var metadata: Metadata

    enum CodingKeys: String, CodingKey {
        case id, email, company, tags
        case leadScore = "lead_score"
        case metadata = "_nango_metadata"
    }
}
