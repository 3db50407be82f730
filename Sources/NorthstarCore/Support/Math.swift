#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The few libm functions the scoring needs, behind one name.
public enum Math {
    /// ln(1 + x), exact for small x.
    public static func log1p(_ x: Double) -> Double {
        #if canImport(Glibc)
        return Glibc.log1p(x)
        #else
        return Darwin.log1p(x)
        #endif
    }

    /// Natural logarithm.
    public static func log(_ x: Double) -> Double {
        #if canImport(Glibc)
        return Glibc.log(x)
        #else
        return Darwin.log(x)
        #endif
    }

    /// Base-10 logarithm (exact at powers of ten, where ln(x)/ln(10) is not).
    public static func log10(_ x: Double) -> Double {
        #if canImport(Glibc)
        return Glibc.log10(x)
        #else
        return Darwin.log10(x)
        #endif
    }
}
