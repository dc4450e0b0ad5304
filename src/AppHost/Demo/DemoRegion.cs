namespace ArScale.AppHost.Demo;

/// <summary>
/// Where a demo customer lives: a time zone (its send window), a currency, a locale, and the names and numbers
/// that look right there. <paramref name="UsdRate"/> turns the generator's amounts into sensible local ones.
/// </summary>
public sealed record DemoRegion(
    string TimeZone, string Currency, decimal UsdRate, string Locale, string PhonePrefix, string EmailDomain,
    IReadOnlyList<string> GivenNames, IReadOnlyList<string> FamilyNames, string CompanySuffix, bool FamilyNameFirst = false);

/// <summary>
/// The demo's regions, spread around the clock (no gap of more than three hours between neighbouring offsets),
/// so whatever the hour, some customers are inside their send window and others are about to be.
/// </summary>
public static class DemoRegions
{
    private static readonly string[] EnglishGiven = ["Olivia", "James", "Amelia", "Noah", "Isla", "Oliver", "Grace", "Henry", "Chloe", "Samuel"];
    private static readonly string[] EnglishFamily = ["Smith", "Taylor", "Brown", "Wilson", "Evans", "Walker", "Wright", "Hughes", "Clarke", "Patel"];
    private static readonly string[] AmericanGiven = ["Emma", "Liam", "Ava", "Mason", "Sophia", "Ethan", "Mia", "Lucas", "Harper", "Logan"];
    private static readonly string[] AmericanFamily = ["Johnson", "Williams", "Garcia", "Miller", "Davis", "Rodriguez", "Martinez", "Anderson", "Thomas", "Moore"];
    private static readonly string[] ChineseGiven = ["伟", "芳", "娜", "敏", "静", "磊", "洋", "艳", "勇", "杰"];
    private static readonly string[] ChineseFamily = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴"];

    public static IReadOnlyList<DemoRegion> All { get; } =
    [
        new("Pacific/Honolulu", "USD", 1m, "en", "+1 808", "example.com", AmericanGiven, AmericanFamily, "LLC"),
        new("America/Los_Angeles", "USD", 1m, "en", "+1 415", "example.com", AmericanGiven, AmericanFamily, "Inc."),
        new("America/Chicago", "USD", 1m, "en", "+1 312", "example.com", AmericanGiven, AmericanFamily, "LLC"),
        new("America/Mexico_City", "MXN", 17m, "en", "+52 55", "example.mx",
            ["Sofía", "Mateo", "Valentina", "Santiago", "Regina", "Diego", "Camila", "Emiliano", "Ximena", "Leonardo"],
            ["Hernández", "García", "López", "Martínez", "González", "Pérez", "Sánchez", "Ramírez", "Flores", "Torres"], "S.A. de C.V."),
        new("America/New_York", "USD", 1m, "en", "+1 212", "example.com", AmericanGiven, AmericanFamily, "Inc."),
        new("America/Toronto", "CAD", 1.35m, "en", "+1 416", "example.ca", EnglishGiven, ["Tremblay", "Roy", "Gagnon", "Côté", "Bouchard", "Gauthier", "Morin", "Lavoie", "Fortin", "Gagné"], "Ltd."),
        new("America/Sao_Paulo", "BRL", 5m, "en", "+55 11", "example.br",
            ["Ana", "João", "Maria", "Pedro", "Beatriz", "Lucas", "Júlia", "Gabriel", "Larissa", "Rafael"],
            ["Silva", "Santos", "Oliveira", "Souza", "Lima", "Pereira", "Ferreira", "Costa", "Almeida", "Ribeiro"], "Ltda."),
        new("Europe/London", "GBP", 0.79m, "en", "+44 20", "example.co.uk", EnglishGiven, EnglishFamily, "Ltd"),
        new("Europe/Berlin", "EUR", 0.92m, "en", "+49 30", "example.de",
            ["Anna", "Lukas", "Lena", "Jonas", "Marie", "Felix", "Sophie", "Paul", "Laura", "Maximilian"],
            ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer"], "GmbH"),
        new("Europe/Paris", "EUR", 0.92m, "en", "+33 1", "example.fr",
            ["Camille", "Louis", "Léa", "Gabriel", "Chloé", "Arthur", "Manon", "Jules", "Inès", "Hugo"],
            ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"], "SARL"),
        new("Africa/Johannesburg", "ZAR", 18m, "en", "+27 11", "example.co.za", EnglishGiven, ["Nkosi", "Dlamini", "Naidoo", "Botha", "Mokoena", "van der Merwe", "Khumalo", "Pillay", "Ndlovu", "Smith"], "(Pty) Ltd"),
        new("Europe/Istanbul", "TRY", 32m, "en", "+90 212", "example.com.tr",
            ["Elif", "Yusuf", "Zeynep", "Emir", "Defne", "Ömer", "Ecrin", "Mustafa", "Azra", "Ahmet"],
            ["Yılmaz", "Kaya", "Demir", "Şahin", "Çelik", "Yıldız", "Yıldırım", "Öztürk", "Aydın", "Özdemir"], "A.Ş."),
        new("Asia/Dubai", "AED", 3.67m, "en", "+971 4", "example.ae",
            ["Fatima", "Mohammed", "Aisha", "Omar", "Mariam", "Ali", "Noura", "Khalid", "Layla", "Hamdan"],
            ["Al Mansouri", "Al Hashimi", "Al Nuaimi", "Al Suwaidi", "Al Mazrouei", "Al Ketbi", "Al Shamsi", "Al Dhaheri", "Al Falasi", "Al Marri"], "LLC"),
        new("Asia/Kolkata", "INR", 83m, "en", "+91 22", "example.in",
            ["Aarav", "Ananya", "Vivaan", "Diya", "Aditya", "Isha", "Arjun", "Saanvi", "Rohan", "Meera"],
            ["Sharma", "Verma", "Gupta", "Iyer", "Reddy", "Nair", "Singh", "Kumar", "Mehta", "Joshi"], "Pvt. Ltd."),
        new("Asia/Jakarta", "IDR", 15_800m, "en", "+62 21", "example.co.id",
            ["Putri", "Budi", "Siti", "Agus", "Dewi", "Rizky", "Ayu", "Eko", "Intan", "Hendra"],
            ["Santoso", "Wijaya", "Saputra", "Hidayat", "Kusuma", "Nugroho", "Pratama", "Halim", "Gunawan", "Setiawan"], "PT"),
        new("Asia/Shanghai", "CNY", 7.2m, "zh-CN", "+86 21", "example.cn", ChineseGiven, ChineseFamily, "贸易有限公司", FamilyNameFirst: true),
        new("Asia/Singapore", "SGD", 1.35m, "en", "+65", "example.sg", EnglishGiven, ["Tan", "Lim", "Lee", "Ng", "Ong", "Wong", "Goh", "Chua", "Koh", "Teo"], "Pte. Ltd."),
        new("Asia/Tokyo", "JPY", 150m, "en", "+81 3", "example.jp",
            ["Yui", "Haruto", "Aoi", "Sota", "Hina", "Ren", "Sakura", "Yuto", "Mei", "Riku"],
            ["Sato", "Suzuki", "Takahashi", "Tanaka", "Watanabe", "Ito", "Yamamoto", "Nakamura", "Kobayashi", "Kato"], "K.K."),
        new("Australia/Sydney", "AUD", 1.5m, "en", "+61 2", "example.com.au", EnglishGiven, ["Smith", "Jones", "Williams", "Brown", "Wilson", "Taylor", "Johnson", "White", "Martin", "Anderson"], "Pty Ltd"),
        new("Pacific/Auckland", "NZD", 1.65m, "en", "+64 9", "example.co.nz", EnglishGiven, ["Smith", "Williams", "Brown", "Wilson", "Taylor", "Ngata", "Parata", "Walker", "Harris", "King"], "Limited"),
    ];
}
