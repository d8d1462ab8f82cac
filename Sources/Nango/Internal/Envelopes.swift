// The small wrappers some responses come in, shared by several areas.

/// `{"data": ...}`, the envelope of most newer endpoints.
struct DataEnvelope<Value: Decodable>: Decodable {
    var data: Value
}

/// `{"success": true}`, the answer of several write endpoints.
struct SuccessResponse: Decodable {
    var success: Bool?
}
