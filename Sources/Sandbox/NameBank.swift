/// International names, organisations and places the generator draws from.
enum NameBank {
    /// (first, last, country, city, locale) groups so a customer's name, place and locale agree.
    struct Culture {
        let firsts: [String]
        let lasts: [String]
        let country: String
        let cities: [String]
        let locale: String
    }

    static let cultures: [Culture] = [
        Culture(firsts: ["James", "Mary", "Robert", "Patricia", "Michael", "Jennifer", "David", "Linda", "Chris", "Ashley"],
                lasts: ["Smith", "Johnson", "Williams", "Brown", "Jones", "Miller", "Davis", "Wilson", "O'Brien", "Anderson"],
                country: "US", cities: ["Austin", "Denver", "Boston", "Seattle", "Chicago"], locale: "en-US"),
        Culture(firsts: ["Zoë", "Chloé", "François", "Hélène", "Jérôme", "Amélie", "Benoît", "Léa"],
                lasts: ["Dupont", "Lefèvre", "Moreau", "Girard", "Bérubé", "Rousseau"],
                country: "FR", cities: ["Paris", "Lyon", "Montréal", "Nantes"], locale: "fr"),
        Culture(firsts: ["Jürgen", "Günther", "Jörg", "Ännchen", "Sören", "Björn", "Małgorzata", "Zofia"],
                lasts: ["Müller", "Schäfer", "Größ", "Weiß", "Nowak", "Wiśniewski", "Øster"],
                country: "DE", cities: ["München", "Köln", "Kraków", "Zürich"], locale: "de"),
        Culture(firsts: ["José", "María", "Ångel", "Núria", "João", "Inês", "Begoña"],
                lasts: ["García", "Núñez", "Peña", "Gonçalves", "Ibáñez", "Sánchez"],
                country: "ES", cities: ["Madrid", "Sevilla", "Lisboa", "A Coruña"], locale: "es"),
        Culture(firsts: ["太郎", "花子", "健", "さくら", "翔"], lasts: ["山田", "佐藤", "鈴木", "高橋", "田中"],
                country: "JP", cities: ["東京", "大阪", "京都"], locale: "ja"),
        Culture(firsts: ["伟", "芳", "娜", "秀英", "明"], lasts: ["王", "李", "张", "刘", "陈"],
                country: "CN", cities: ["北京", "上海", "深圳"], locale: "zh"),
        Culture(firsts: ["محمد", "فاطمة", "أحمد", "ليلى", "عمر"], lasts: ["العلي", "حداد", "الخطيب", "منصور"],
                country: "AE", cities: ["دبي", "أبو ظبي"], locale: "ar"),
        Culture(firsts: ["Olu", "Chiamaka", "Kwame", "Amara", "Tendai"], lasts: ["Okafor", "Mensah", "Adeyemi", "Moyo"],
                country: "GB", cities: ["London", "Manchester", "Edinburgh", "Leeds"], locale: "en-GB"),
        Culture(firsts: ["Priya", "Arjun", "Ananya", "Rohan"], lasts: ["Sharma", "Iyer", "Patel", "Reddy"],
                country: "IN", cities: ["Bengaluru", "Mumbai", "Pune"], locale: "en-IN"),
        Culture(firsts: ["Дмитрий", "Анна", "Ольга"], lasts: ["Иванов", "Смирнова", "Кузнецов"],
                country: "DE", cities: ["Berlin", "Hamburg"], locale: "ru"),
    ]

    static let orgStems = [
        "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne", "Vandelay", "Nordström", "Café Ünïcode",
        "株式会社サンプル", "北京科技", "شركة الأفق", "Blue Sky 🚀", "Zürich Analytics", "Smørrebrød", "Piñata Labs",
        "Ørsted Tools", "Ångström Data", "Łódź Logistics",
    ]
    static let orgSuffixes = ["Inc.", "LLC", "GmbH", "S.A.", "Ltd", "SARL", "K.K.", "Co.", "", "Holdings"]
    static let streets = ["Main St", "Rue de Rivoli", "Königsallee", "Calle Mayor", "銀座通り", "Baker Street", "Via Roma"]
    static let emailDomains = ["example.com", "example.org", "example.net", "mail.example", "corp.example"]
    static let cardTypes = ["visa", "master", "american_express", "discover"]

    /// A lower-case ASCII slug of `text` for e-mail addresses ("" when nothing ASCII is left).
    static func slug(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (65...90).contains(value) {
                out.unicodeScalars.append(Unicode.Scalar(value + 32)!)
            } else if (97...122).contains(value) || (48...57).contains(value) {
                out.unicodeScalars.append(scalar)
            } else if let folded = fold[scalar] {
                out.append(folded)
            }
        }
        return out
    }

    private static let fold: [Unicode.Scalar: String] = [
        "é": "e", "è": "e", "ê": "e", "ë": "e", "É": "e", "à": "a", "á": "a", "â": "a", "ä": "a", "å": "a", "Å": "a",
        "ç": "c", "í": "i", "ï": "i", "ñ": "n", "ó": "o", "ô": "o", "ö": "o", "ø": "o", "Ø": "o", "ú": "u", "ü": "u",
        "ß": "ss", "ł": "l", "Ł": "l", "ś": "s", "ń": "n", "ã": "a", "õ": "o", "Ä": "a", "Ö": "o", "Ü": "u",
    ]
}
