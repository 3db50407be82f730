extension StaticString {
    /// The literal's UTF-8 bytes, read in place: a field name or JSON key fixed in the code,
    /// compared with or copied next to bytes from a file without making a `String`.
    var utf8Bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: utf8Start, count: utf8CodeUnitCount)
    }
}
