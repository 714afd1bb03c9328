/// A line diff (longest common subsequence): what turned `before` into `after`. Provisioning
/// files are a few hundred lines at most, so the quadratic table is small.
public enum LineDiff {
    public enum Line: Equatable, Sendable {
        case same(String), removed(String), added(String)
    }

    public static func lines(_ before: [String], _ after: [String]) -> [Line] {
        let n = before.count, m = after.count
        // common[i][j]: the longest common subsequence of before[i...] and after[j...].
        var common = [[Int]](repeating: [Int](repeating: 0, count: m + 1), count: n + 1)
        for i in stride(from: n - 1, through: 0, by: -1) {
            for j in stride(from: m - 1, through: 0, by: -1) {
                common[i][j] = before[i] == after[j] ? common[i + 1][j + 1] + 1 : max(common[i + 1][j], common[i][j + 1])
            }
        }
        var out: [Line] = []
        var i = 0, j = 0
        while i < n || j < m {
            if i < n, j < m, before[i] == after[j] {
                out.append(.same(before[i])); i += 1; j += 1
            } else if i < n, j == m || common[i + 1][j] >= common[i][j + 1] {
                // Removed lines before added ones, as `diff` shows a replaced line.
                out.append(.removed(before[i])); i += 1
            } else {
                out.append(.added(after[j])); j += 1
            }
        }
        return out
    }

    /// Only the changes, each with `context` unchanged lines around it; nil marks a gap.
    public static func hunks(_ lines: [Line], context: Int = 1) -> [Line?] {
        let changed = lines.indices.filter { if case .same = lines[$0] { return false }; return true }
        var keep = Set<Int>()
        for k in changed { for d in -context...context where lines.indices.contains(k + d) { keep.insert(k + d) } }
        var out: [Line?] = []
        var last: Int?
        for k in keep.sorted() {
            if let last, k > last + 1 { out.append(nil) }
            out.append(lines[k])
            last = k
        }
        return out
    }
}
