import NangoJSON
// The small wrappers some responses come in, shared by several areas.

/// `{"data": ...}`, the envelope of most newer endpoints.
struct DataEnvelope<Value: Decodable>: Decodable {
    var data: Value

    private enum CodingKeys: String, CodingKey {
        case data
    }

    init(from decoder: any Decoder) throws {
        if let engine = IndexDecoder.engine(decoder) {
            // Straight from the index: no keyed container for the one member.
            let object = try IndexObjectReader(engine, decoding: DataEnvelope.self)
            data = try object.decodable(object.node(CodingKeys.data.rawValue) ?? -1, "data", Value.self)
            return
        }
        data = try decoder.container(keyedBy: CodingKeys.self).decode(Value.self, forKey: .data)
    }
}
