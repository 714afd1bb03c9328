/// Where the operator is: the phones table at the bottom, and the features open over it —
/// screens, windows and overlays (help, a question), bottom to top. One value, so no two
/// screens can claim the terminal at once; keys go to the top, drawing goes bottom up from the
/// last full screen.
public struct Navigation: Sendable {
    public var root: PhonesFeature
    public var stack: [any Feature] = []

    /// The feature keys go to.
    var top: any Feature { stack.last ?? root }

    /// The topmost open feature of a type, if any.
    public func open<F: Feature>(_ type: F.Type) -> F? { stack.last { $0 is F } as? F }

    /// Where drawing starts: the last full screen (nil: the phones table).
    var base: Int? { stack.lastIndex { !$0.isWindow } }

    /// The features drawn over the base, bottom to top.
    var windows: ArraySlice<any Feature> { stack[(base.map { $0 + 1 } ?? 0)...] }
}
