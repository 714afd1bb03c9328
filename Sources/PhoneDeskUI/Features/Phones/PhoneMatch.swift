import PhoneDeskCore

extension PhoneTable {
    /// The positions of the phones the table's `/` filter shows for `text`, in file order: the
    /// CLI's `--filter` runs the panel's own matching, so the two cannot disagree.
    public static func matching(_ text: String, in data: AccountData) -> [Int] {
        var table = PhoneTable()
        table.rebuild(data, keepSelection: nil)
        table.setFilter(text, phones: data.phones)
        return table.visible
    }
}
