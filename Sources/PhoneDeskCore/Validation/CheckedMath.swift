/// Arithmetic on numbers that come from files or input: an overflow is reported (nil) instead of
/// trapping, which would kill the panel or the CLI with a signal and no message.
extension Int {
    public func plus(_ other: Int) -> Int? {
        let (result, overflow) = addingReportingOverflow(other)
        return overflow ? nil : result
    }

    public func minus(_ other: Int) -> Int? {
        let (result, overflow) = subtractingReportingOverflow(other)
        return overflow ? nil : result
    }

    public func times(_ other: Int) -> Int? {
        let (result, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? nil : result
    }
}
