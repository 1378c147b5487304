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

    // Many names per culture so that a 600-customer demo rarely repeats a full name (a search for a
    // family name must not return a page of identical rows); 100k customers naturally will.
    static let cultures: [Culture] = [
        Culture(
            firsts: names(
                "James, Mary, Robert, Patricia, Michael, Jennifer, David, Linda, Chris, Ashley, William, Elizabeth, Richard, Barbara, Joseph, Susan, Thomas, Jessica, Charles, Sarah, Daniel, Karen, Matthew, Nancy, Anthony, Lisa, Mark, Betty, Donald, Sandra, Steven, Emily, Paul, Donna, Andrew, Michelle, Joshua, Carol, Kenneth, Amanda, Kevin, Melissa, Brian, Deborah, George, Stephanie, Timothy, Rebecca, Ronald, Laura, Jason, Sharon, Ryan, Cynthia, Jacob, Kathleen, Gary, Amy, Nicholas, Angela"
            ),
            lasts: names(
                "Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, O'Brien, Anderson, Taylor, Thomas, Moore, Jackson, Martin, Lee, Thompson, White, Harris, Clark, Lewis, Robinson, Walker, Young, Allen, King, Wright, Scott, Hill, Green, Adams, Baker, Nelson, Carter, Mitchell, Roberts, Turner, Phillips, Campbell, Parker, Evans, Edwards, Collins, Stewart, Morris, Murphy, Cook, Rogers, Morgan, Cooper, Peterson, Reed, Bailey, Bell, Kelly, Howard, Ward, Cox, Richardson, McAllister"
            ),
            country: "US", cities: ["Austin", "Denver", "Boston", "Seattle", "Chicago", "Portland", "Atlanta"],
            locale: "en-US"),
        Culture(
            firsts: names(
                "Zoë, Chloé, François, Hélène, Jérôme, Amélie, Benoît, Léa, Camille, Manon, Inès, Louise, Juliette, Émilie, Margaux, Océane, Mathilde, Clémence, Lucas, Hugo, Théo, Antoine, Mathis, Maxime, Baptiste, Étienne, Gaël, Noé, Raphaël, Thibault, Yannick, Aurélien, Sébastien, Céline, Delphine, Sylvie, Nathalie, Pascale, Gilles, Loïc"
            ),
            lasts: names(
                "Dupont, Lefèvre, Moreau, Girard, Bérubé, Rousseau, Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Simon, Laurent, Michel, Garnier, Faure, André, Mercier, Blanc, Guérin, Boyer, Chevalier, François, Legrand, Gauthier, Perrin, Roussel, Fontaine, Morel, Lambert, Bonnet, Clément, Fournier, Gagnon, Tremblay, Côté"
            ),
            country: "FR", cities: ["Paris", "Lyon", "Montréal", "Nantes", "Bordeaux", "Lille"], locale: "fr"),
        Culture(
            firsts: names(
                "Jürgen, Günther, Jörg, Ännchen, Sören, Björn, Lukas, Leon, Finn, Jonas, Felix, Paul, Maximilian, Elias, Noah, Emil, Anton, Moritz, Hannah, Mia, Lena, Lea, Leonie, Marie, Sophie, Johanna, Lina, Greta, Frieda, Ida, Katharina, Ursula, Monika, Sabine, Petra, Wolfgang, Dieter, Stefan, Uwe, Käthe"
            ),
            lasts: names(
                "Müller, Schäfer, Größ, Weiß, Schmidt, Schneider, Fischer, Meyer, Wagner, Becker, Schulz, Hoffmann, Koch, Bauer, Richter, Klein, Wolf, Schröder, Neumann, Schwarz, Zimmermann, Braun, Krüger, Hofmann, Hartmann, Lange, Schmitt, Werner, Krause, Meier, Lehmann, Köhler, Herrmann, König, Walter, Mayer, Huber, Kaiser, Fuchs, Peters"
            ),
            country: "DE", cities: ["München", "Köln", "Zürich", "Hamburg", "Wien", "Leipzig"], locale: "de"),
        Culture(
            firsts: names(
                "José, María, Ángel, Núria, Begoña, Carmen, Lucía, Paula, Sofía, Martina, Alba, Julia, Irene, Elena, Pilar, Rocío, Marta, Cristina, Alejandro, Pablo, Daniel, Álvaro, Adrián, Javier, Sergio, Diego, Iker, Hugo, Manuel, Jorge, Íñigo, Rubén, Mateo, Gonzalo, Raúl, Ramón, Fernando, Óscar, Nerea, Ainhoa"
            ),
            lasts: names(
                "García, Núñez, Peña, Ibáñez, Sánchez, Rodríguez, Fernández, López, Martínez, Pérez, Gómez, Martín, Jiménez, Ruiz, Hernández, Díaz, Moreno, Muñoz, Álvarez, Romero, Alonso, Gutiérrez, Navarro, Torres, Domínguez, Vázquez, Ramos, Gil, Ramírez, Serrano, Blanco, Molina, Morales, Suárez, Ortega, Delgado, Castro, Ortiz, Rubio, Marín"
            ),
            country: "ES", cities: ["Madrid", "Sevilla", "Barcelona", "A Coruña", "Valencia", "Bilbao"], locale: "es"),
        Culture(
            firsts: names(
                "João, Inês, Beatriz, Mariana, Leonor, Matilde, Carolina, Gabriela, Larissa, Camila, Francisca, Rita, Joana, Luana, Fernanda, Thiago, Gustavo, Rafael, Rodrigo, Tiago, Duarte, Gonçalo, Afonso, Vinícius, Caio, Bruno, Leandro, Murilo, Enzo, Otávio"
            ),
            lasts: names(
                "Gonçalves, Silva, Santos, Ferreira, Pereira, Oliveira, Costa, Rodrigues, Martins, Jesus, Sousa, Fernandes, Lopes, Marques, Alves, Almeida, Ribeiro, Pinto, Carvalho, Teixeira, Moreira, Correia, Mendes, Nunes, Soares, Vieira, Monteiro, Cardoso, Rocha, Araújo"
            ),
            country: "PT", cities: ["Lisboa", "Porto", "São Paulo", "Rio de Janeiro", "Coimbra"], locale: "pt"),
        Culture(
            firsts: names(
                "Giulia, Francesca, Chiara, Alessia, Martina, Aurora, Ginevra, Beatrice, Greta, Vittoria, Alice, Elisa, Federica, Serena, Ilaria, Lorenzo, Leonardo, Francesco, Alessandro, Mattia, Tommaso, Riccardo, Gabriele, Edoardo, Davide, Giuseppe, Niccolò, Salvatore, Pietro, Marco"
            ),
            lasts: names(
                "Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca, Mancini, Costa, Giordano, Rizzo, Lombardi, Moretti, Barbieri, Fontana, Santoro, Mariani, Rinaldi, Caruso, Ferrara, Galli, Martini, Leone"
            ),
            country: "IT", cities: ["Milano", "Roma", "Torino", "Napoli", "Bologna"], locale: "it"),
        Culture(
            firsts: names(
                "Małgorzata, Zofia, Agnieszka, Katarzyna, Magdalena, Joanna, Aleksandra, Natalia, Weronika, Zuzanna, Julia, Oliwia, Kinga, Jadwiga, Halina, Krzysztof, Paweł, Łukasz, Tomasz, Michał, Piotr, Kamil, Wojciech, Grzegorz, Jakub, Mateusz, Bartłomiej, Szymon, Przemysław, Dariusz"
            ),
            lasts: names(
                "Nowak, Wiśniewski, Kowalski, Wójcik, Kowalczyk, Kamiński, Lewandowski, Zieliński, Szymański, Woźniak, Dąbrowski, Kozłowski, Jankowski, Mazur, Kwiatkowski, Krawczyk, Piotrowski, Grabowski, Nowakowski, Pawłowski, Michalski, Nowicki, Adamczyk, Dudek, Zając, Wieczorek, Jabłoński, Król, Majewski, Olszewski"
            ),
            country: "PL", cities: ["Kraków", "Warszawa", "Łódź", "Gdańsk", "Wrocław"], locale: "pl"),
        Culture(
            firsts: names(
                "Björn, Sören, Åsa, Ingrid, Astrid, Sigrid, Freya, Linnea, Maja, Elsa, Saga, Ebba, Tove, Sólveig, Ragnhild, Lars, Erik, Nils, Anders, Magnus, Henrik, Johan, Oskar, Axel, Mikkel, Rasmus, Espen, Sindre, Jørgen, Øystein"
            ),
            lasts: names(
                "Øster, Andersson, Johansson, Karlsson, Nilsson, Eriksson, Larsson, Olsson, Persson, Svensson, Gustafsson, Pettersson, Jonsson, Hansen, Johansen, Olsen, Larsen, Andersen, Pedersen, Nielsen, Kristiansen, Jensen, Karlsen, Johnsen, Halvorsen, Virtanen, Korhonen, Mäkinen, Nieminen, Lindqvist"
            ),
            country: "SE", cities: ["Stockholm", "Göteborg", "Oslo", "København", "Helsinki"], locale: "sv"),
        Culture(
            firsts: names(
                "太郎, 花子, 健, さくら, 翔, 陽翔, 蓮, 湊, 大翔, 悠真, 結菜, 陽葵, 凛, 美咲, 葵, 優奈, 拓海, 颯太, 直樹, 真由美, 恵子, 誠, 浩, 裕子, 明美"),
            lasts: names(
                "山田, 佐藤, 鈴木, 高橋, 田中, 伊藤, 渡辺, 中村, 小林, 加藤, 吉田, 山本, 佐々木, 山口, 松本, 井上, 木村, 林, 斎藤, 清水, 山崎, 森, 池田, 橋本, 阿部"),
            country: "JP", cities: ["東京", "大阪", "京都", "横浜", "札幌"], locale: "ja"),
        Culture(
            firsts: names("伟, 芳, 娜, 秀英, 明, 静, 丽, 强, 磊, 军, 洋, 勇, 艳, 杰, 娟, 涛, 超, 霞, 平, 刚, 桂英, 建华, 晓明, 子涵, 梓萱"),
            lasts: names("王, 李, 张, 刘, 陈, 杨, 黄, 赵, 吴, 周, 徐, 孙, 马, 朱, 胡, 郭, 何, 高, 林, 罗, 郑, 梁, 谢, 宋, 唐"),
            country: "CN", cities: ["北京", "上海", "深圳", "杭州", "成都"], locale: "zh"),
        Culture(
            firsts: names(
                "محمد, فاطمة, أحمد, ليلى, عمر, علي, يوسف, خالد, سارة, مريم, نور, حسن, زينب, إبراهيم, رنا, سلمى, طارق, هالة, كريم, دانة"
            ),
            lasts: names(
                "العلي, حداد, الخطيب, منصور, الحسيني, الشامي, النجار, العمري, الزعبي, البدوي, القاسم, الرشيد, الهاشمي, السعدي, الأنصاري, الدوسري, الكعبي, المهيري, الظاهري, الفلاسي"
            ),
            country: "AE", cities: ["دبي", "أبو ظبي", "الشارقة"], locale: "ar"),
        Culture(
            firsts: names(
                "Olu, Chiamaka, Kwame, Amara, Tendai, Ngozi, Chidi, Adaeze, Emeka, Funmilayo, Kofi, Akosua, Yaw, Abena, Tunde, Folake, Obinna, Nkechi, Segun, Zainab, Oliver, Amelia, Harry, Isla, George, Poppy, Alfie, Freya, Archie, Imogen, Rhys, Niamh, Callum, Siobhan, Hamish, Eilidh, Aled, Cerys, Declan, Aoife"
            ),
            lasts: names(
                "Okafor, Mensah, Adeyemi, Moyo, Okonkwo, Balogun, Nwosu, Boateng, Asante, Owusu, Chukwu, Eze, Obi, Adebayo, Oyelaran, Dube, Ncube, Banda, Phiri, Mwangi, Patel, Evans, Hughes, Davies, Price, Morgan, Murray, MacLeod, Fraser, Campbell, Reid, Kerr, Quinn, Doyle, Byrne, Gallagher, Walsh, Kennedy, Lynch, Fitzgerald"
            ),
            country: "GB", cities: ["London", "Manchester", "Edinburgh", "Leeds", "Cardiff", "Belfast"], locale: "en-GB"
        ),
        Culture(
            firsts: names(
                "Priya, Arjun, Ananya, Rohan, Aarav, Vihaan, Aditya, Sai, Krishna, Ishaan, Kabir, Reyansh, Ayaan, Vivaan, Aryan, Diya, Saanvi, Aadhya, Kavya, Anika, Meera, Pooja, Neha, Sneha, Divya, Rahul, Vikram, Sanjay, Deepak, Lakshmi"
            ),
            lasts: names(
                "Sharma, Iyer, Patel, Reddy, Gupta, Singh, Kumar, Mehta, Shah, Desai, Joshi, Nair, Menon, Pillai, Rao, Chopra, Malhotra, Kapoor, Bhat, Kulkarni, Agarwal, Banerjee, Chatterjee, Mukherjee, Das, Bose, Ghosh, Sen, Verma, Mishra"
            ),
            country: "IN", cities: ["Bengaluru", "Mumbai", "Pune", "Chennai", "Hyderabad"], locale: "en-IN"),
        Culture(
            firsts: names(
                "Дмитрий, Анна, Ольга, Сергей, Алексей, Мария, Елена, Наталья, Андрей, Иван, Татьяна, Михаил, Екатерина, Николай, Юлия, Павел, Ирина, Владимир, Светлана, Артём"
            ),
            lasts: names(
                "Иванов, Смирнова, Кузнецов, Попов, Васильева, Петров, Соколова, Михайлов, Новикова, Фёдоров, Морозова, Волков, Алексеева, Лебедев, Семёнова, Егоров, Павлова, Козлов, Степанова, Николаев"
            ),
            country: "DE", cities: ["Berlin", "Hamburg", "Riga"], locale: "ru"),
        Culture(
            firsts: names(
                "민준, 서연, 지호, 하은, 도윤, 서윤, 예준, 지우, 시우, 수아, 주원, 지아, 하준, 민서, 건우, 유진, 현우, 채원, 지민, 은서, 준서, 다은, 우진, 예린, 성민"),
            lasts: names("김, 이, 박, 최, 정, 강, 조, 윤, 장, 임, 한, 오, 서, 신, 권, 황, 안, 송, 류, 홍"),
            country: "KR", cities: ["서울", "부산", "인천"], locale: "ko"),
        Culture(
            firsts: names(
                "Emma, Sanne, Fleur, Lotte, Anouk, Femke, Noor, Tess, Julia, Lieke, Daan, Sem, Bram, Thijs, Jesse, Ruben, Stijn, Lars, Joost, Pieter"
            ),
            lasts: names(
                "de Jong, Jansen, de Vries, van den Berg, van Dijk, Bakker, Janssen, Visser, Smit, Meijer, de Boer, Mulder, de Groot, Bos, Vos, Peters, Hendriks, van Leeuwen, Dekker, Brouwer"
            ),
            country: "NL", cities: ["Amsterdam", "Rotterdam", "Utrecht", "Antwerpen"], locale: "nl"),
        Culture(
            firsts: names(
                "Ayşe, Fatma, Zeynep, Elif, Emine, Hülya, Merve, Büşra, Özge, Gül, Mehmet, Mustafa, Ahmet, Ali, Hüseyin, Hasan, İbrahim, Murat, Emre, Çağlar"
            ),
            lasts: names(
                "Yılmaz, Kaya, Demir, Şahin, Çelik, Yıldız, Yıldırım, Öztürk, Aydın, Özdemir, Arslan, Doğan, Kılıç, Aslan, Çetin, Kara, Koç, Kurt, Özkan, Şimşek"
            ),
            country: "TR", cities: ["İstanbul", "Ankara", "İzmir"], locale: "tr"),
    ]

    /// Cultures drawn in proportion to how many full names they hold, so that small name pools (Korean
    /// family names are few) do not repeat far more often than large ones.
    static let cultureWeights: [Int] = cultures.map { $0.firsts.count * $0.lasts.count }

    /// One culture, weighted by its number of full names (one draw from `random`).
    static func culture(_ random: inout SandboxRandom) -> Culture {
        cultures[random.weighted(cultureWeights)]
    }

    /// A given and a family name from `culture`, as people there are named: Spanish customers carry two
    /// family names, many Portuguese and Brazilian ones too, and many Americans a middle initial.
    static func fullName(_ culture: Culture, _ random: inout SandboxRandom) -> (first: String, last: String) {
        var first = random.pick(culture.firsts)
        var last = random.pick(culture.lasts)
        switch culture.locale {
        case "es":
            last += " " + random.pick(culture.lasts)
        case "pt":
            if random.chance(fraction: 0.5) { last += " " + random.pick(culture.lasts) }
        case "en-US":
            if random.chance(fraction: 0.4) { first += " " + String(random.pick(initials)) + "." }
        default:
            break
        }
        return (first, last)
    }

    private static let initials = Array("ABCDEFGHJKLMNPRSTW")

    /// A list of names written as one comma-separated string (names may hold spaces: "de Jong").
    private static func names(_ list: String) -> [String] {
        list.split(separator: ",").map { String($0.drop { $0 == " " }) }
    }

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
        "Á": "a", "Í": "i", "Ó": "o", "Ú": "u", "È": "e", "ì": "i", "ò": "o", "ù": "u", "î": "i", "û": "u", "ÿ": "y",
        "æ": "ae", "œ": "oe", "ą": "a", "ę": "e", "ć": "c", "ź": "z", "ż": "z", "Ż": "z", "Ś": "s",
        "ğ": "g", "ş": "s", "Ş": "s", "ı": "i", "İ": "i", "Ç": "c", "ý": "y", "ð": "d", "þ": "th",
    ]
}
