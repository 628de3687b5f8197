import Foundation

/// Strict parsing of a decimal number from a field's bytes: optional sign, digits with an optional
/// decimal point, optional exponent, surrounding spaces allowed. `inf`, `nan`, hexadecimal and
/// thousands separators are not numbers here. With `decimalComma` (`;`-delimited European
/// exports) a single `,` is the decimal mark. Conversion is by C's `strtod`, correctly rounded.
enum NumberParser {
    static func parse(_ field: UnsafeBufferPointer<UInt8>, decimalComma: Bool) -> Double? {
        var start = 0, end = field.count
        while start < end && isSpace(field[start]) { start += 1 }
        while end > start && isSpace(field[end - 1]) { end -= 1 }
        let length = end - start
        guard length > 0, length < 128 else { return nil }
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: length + 1) { buffer -> Double? in
            var i = start, out = 0
            func take(_ byte: UInt8) { buffer[out] = CChar(bitPattern: byte); out += 1 }
            if field[i] == UInt8(ascii: "+") || field[i] == UInt8(ascii: "-") { take(field[i]); i += 1 }
            var digits = 0
            while i < end, isDigit(field[i]) { take(field[i]); i += 1; digits += 1 }
            if i < end, field[i] == UInt8(ascii: ".") || (decimalComma && field[i] == UInt8(ascii: ",")) {
                take(UInt8(ascii: ".")); i += 1
                while i < end, isDigit(field[i]) { take(field[i]); i += 1; digits += 1 }
            }
            guard digits > 0 else { return nil }
            if i < end, field[i] == UInt8(ascii: "e") || field[i] == UInt8(ascii: "E") {
                take(field[i]); i += 1
                if i < end, field[i] == UInt8(ascii: "+") || field[i] == UInt8(ascii: "-") { take(field[i]); i += 1 }
                var exponentDigits = 0
                while i < end, isDigit(field[i]) { take(field[i]); i += 1; exponentDigits += 1 }
                guard exponentDigits > 0 else { return nil }
            }
            guard i == end else { return nil }
            buffer[out] = 0
            guard let base = buffer.baseAddress else { return nil }
            let value = strtod(base, nil)
            return value.isFinite ? value : nil
        }
    }

    @inline(__always) private static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
    @inline(__always) private static func isSpace(_ b: UInt8) -> Bool { b == 32 || b == 9 }
}
