import BillingCore
import Foundation
import Testing

@Suite struct NameSortKeyTests {
    @Test func accentedLatinNamesFoldToTheirLetters() {
        #expect(NameSortKey.of("Ángel Morales Sánchez") == "angel morales sanchez")
        #expect(NameSortKey.of("Émilie Morel") == "emilie morel")
        #expect(NameSortKey.of("Zoë Brontë") == "zoe bronte")
        #expect(NameSortKey.of("Øyvind Łukasz Đorđe") == "oyvind lukasz dorde")
        #expect(NameSortKey.of("Nguyễn Thị Ánh") == "nguyen thi anh")
        #expect(NameSortKey.of("E\u{301}tienne") == "etienne", "a decomposed accent is left out")
        #expect(NameSortKey.of("İlkay") == "ilkay", "İ lowers to i with a combining dot")
        #expect(NameSortKey.of("ACME GmbH") == "acme gmbh")
    }

    @Test func otherScriptsAndLettersKeepTheirOwnCharacters() {
        #expect(NameSortKey.of("Straße") == "straße")
        #expect(NameSortKey.of("Ærø") == "æro")
        #expect(NameSortKey.of("Дмитрий") == "дмитрий")
        #expect(NameSortKey.of("山田 太郎") == "山田 太郎")
    }

    @Test func aSortedListPutsAccentedNamesAmongTheirLetters() {
        let names = ["Zoë Adams", "Yaw Morgan", "Álvaro Moreno", "Émilie Morel", "Alba Ortega", "Eve Stone"]
        let sorted = names.sorted { NameSortKey.of($0) < NameSortKey.of($1) }
        #expect(sorted == ["Alba Ortega", "Álvaro Moreno", "Émilie Morel", "Eve Stone", "Yaw Morgan", "Zoë Adams"])
    }

    /// The table is what Unicode's canonical decomposition says: every lower-case letter of the Latin blocks that
    /// decomposes to an ASCII letter with combining marks folds to that letter, and nothing else is in it but the
    /// six letters that do not decompose.
    @Test func theTableIsUnicodesDecompositionOfTheLatinBlocks() {
        var expected: [Character: Character] = [:]
        for range in [0xC0...0x24F, 0x1E00...0x1EFF] {
            for value in range {
                guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
                let letter = String(scalar)
                guard letter.lowercased() == letter else { continue }
                let parts = Array(letter.decomposedStringWithCanonicalMapping.unicodeScalars)
                guard parts.count > 1, parts[0].isASCII, parts[0].properties.isAlphabetic,
                    parts.dropFirst().allSatisfy({ NameSortKey.combiningMarks.contains($0.value) })
                else { continue }
                expected[Character(scalar)] = Character(parts[0])
            }
        }
        for (letter, base) in zip("øłđħıŧ", "oldhit") { expected[letter] = base }
        let table = Dictionary(
            uniqueKeysWithValues: zip(NameSortKey.foldedLetters, NameSortKey.foldedTo).map { ($0, $1) })
        #expect(NameSortKey.foldedLetters.count == NameSortKey.foldedTo.count)
        #expect(table == expected)
    }
}
