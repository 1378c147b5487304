import BillingCore

/// Migration `v15-pg-sort-name-folded`, the team store's side of SQLite's `v13-sort-name-folded`: a customer
/// stored when names sorted by their plain lower-case text gets `NameSortKey`'s folded key.
///
/// The stored key is already lower case, so the fold is one `translate` over it with `NameSortKey`'s own table:
/// each folded letter to its base letter, and the combining marks (listed past the end of the replacement, which
/// `translate` deletes) left out. It gives the same key as the writer's Swift fold. Only a key with a non-ASCII
/// character can change, so the others are not rewritten (a rewrite would stamp the row for every viewer).
enum PostgresSortNameFold {
    static var statements: [String] {
        let marks = NameSortKey.combiningMarks.compactMap(Unicode.Scalar.init).map(String.init).joined()
        let fold = "translate(sort_name, '\(NameSortKey.foldedLetters + marks)', '\(NameSortKey.foldedTo)')"
        return [
            """
            UPDATE customer SET sort_name = \(fold)
            WHERE octet_length(sort_name) <> char_length(sort_name) AND sort_name <> \(fold)
            """
        ]
    }
}
