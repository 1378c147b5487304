/// How a customer's name sorts in every list and index: in lower case, with the accents of Latin letters left
/// out, so "Ángel" and "Émilie" sort among the a's and e's, beside "Angel" and "Emil", and not after "Zoë".
///
/// A byte order of the plain lower-case name put every name that begins with an accented letter after "z".
/// The fold is per Unicode scalar with a fixed table (no locale, no Foundation), so every platform and both
/// store engines compute the same key, and PostgreSQL can apply it to rows already stored with `translate`
/// (`PostgresMigrations`, `v15-pg-sort-name-folded`). The letters are the lower-case Latin letters whose canonical
/// decomposition is an ASCII letter with combining marks (Latin-1, Extended-A and -B, Extended Additional), plus
/// six that do not decompose (ø ł đ ħ ı ŧ); combining marks themselves (U+0300-U+036F, a decomposed name's
/// accents) are left out. A test checks the table against Foundation's decomposition. Other scripts keep their
/// letters: a Cyrillic or Greek name sorts in its own block, as before.
public enum NameSortKey {
    /// The sort key of a display name.
    public static func of(_ name: String) -> String {
        let lower = name.lowercased()
        if lower.utf8.allSatisfy({ $0 < 0x80 }) { return lower }
        var folded = String.UnicodeScalarView()
        for scalar in lower.unicodeScalars {
            if combiningMarks.contains(scalar.value) { continue }
            folded.append(folds[scalar.value] ?? scalar)
        }
        return String(folded)
    }

    /// The folded letters, in the order of `foldedTo`.
    public static let foldedLetters =
        "àáâãäåçèéêëìíîïñòóôõöùúûüýÿāăąćĉċčďēĕėęěĝğġģĥĩīĭįĵķĺļľńņňōŏő"
        + "ŕŗřśŝşšţťũūŭůűųŵŷźżžơưǎǐǒǔǖǘǚǜǟǡǧǩǫǭǰǵǹǻȁȃȅȇȉȋȍȏȑȓȕȗșțȟȧȩȫȭȯ"
        + "ȱȳḁḃḅḇḉḋḍḏḑḓḕḗḙḛḝḟḡḣḥḧḩḫḭḯḱḳḵḷḹḻḽḿṁṃṅṇṉṋṍṏṑṓṕṗṙṛṝṟṡṣṥṧṩṫṭṯṱṳ"
        + "ṵṷṹṻṽṿẁẃẅẇẉẋẍẏẑẓẕẖẗẘẙạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừử"
        + "ữựỳỵỷỹøłđħıŧ"

    /// What each of `foldedLetters` folds to.
    public static let foldedTo =
        "aaaaaaceeeeiiiinooooouuuuyyaaaccccdeeeeegggghiiiijklllnnnooo"
        + "rrrssssttuuuuuuwyzzzouaiouuuuuaagkoojgnaaaeeiioorruusthaeooo"
        + "oyabbbcdddddeeeeefghhhhhiikkkllllmmmnnnnoooopprrrrsssssttttu"
        + "uuuuvvwwwwwxxyzzzhtwyaaaaaaaaaaaaeeeeeeeeiioooooooooooouuuuu"
        + "uuyyyyoldhit"

    /// Combining diacritical marks: the accents of a decomposed name, left out of the key.
    public static let combiningMarks: ClosedRange<UInt32> = 0x300...0x36F

    private static let folds: [UInt32: Unicode.Scalar] = Dictionary(
        uniqueKeysWithValues: zip(foldedLetters.unicodeScalars.map(\.value), foldedTo.unicodeScalars))
}
