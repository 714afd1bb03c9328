/// The wording of a file refused for its size (checked with fstat before reading).
enum SizeCap {
    static func tooLarge(_ size: Int, _ cap: Int) -> String {
        "the file is \(megabytes(size)), larger than the \(megabytes(cap)) phonedesk reads"
    }

    static func megabytes(_ bytes: Int) -> String {
        let mib = Double(bytes) / 1_048_576
        return mib >= 10 ? "\(Int(mib.rounded())) MiB" : "\((mib * 10).rounded() / 10) MiB"
    }
}
