// Word lists for the lab's surface text: names, objects, places, topics. Constant lists,
// never empty (the generators pick from them with `RNG.pick`).

enum LabWords {
    static let names = [
        "Ava", "Ben", "Carla", "Diego", "Emma", "Farid", "Grace", "Hiro", "Isla", "Jamal", "Kira", "Liam",
        "Maya", "Noah", "Olga", "Priya", "Quinn", "Rosa", "Sam", "Tara", "Umar", "Vera", "Wes", "Xin",
        "Yara", "Zane", "Amir", "Bianca", "Chen", "Dara", "Elena", "Felix", "Gita", "Hugo", "Ines", "Jonas",
        "Keiko", "Leo", "Mina", "Nico", "Omar", "Paula", "Ravi", "Sofia", "Theo", "Uma", "Victor", "Wanda",
    ]
    /// (plural, singular) of things people buy, collect or make.
    static let things: [(String, String)] = [
        ("apples", "apple"), ("notebooks", "notebook"), ("pencils", "pencil"), ("stickers", "sticker"),
        ("marbles", "marble"), ("cupcakes", "cupcake"), ("books", "book"), ("oranges", "orange"),
        ("candles", "candle"), ("toy cars", "toy car"), ("seashells", "seashell"), ("cookies", "cookie"),
        ("postcards", "postcard"), ("bracelets", "bracelet"), ("muffins", "muffin"), ("tomatoes", "tomato"),
        ("puzzles", "puzzle"), ("comic books", "comic book"), ("plants", "plant"), ("bottles of juice", "bottle of juice"),
        ("baseball cards", "baseball card"), ("erasers", "eraser"), ("balloons", "balloon"), ("scarves", "scarf"),
    ]
    static let containers = ["boxes", "bags", "packs", "crates", "baskets", "jars", "cartons", "trays"]
    static let makers: [(String, String)] = [
        ("a baker", "loaves of bread"), ("a factory machine", "bolts"), ("a printer", "pages"),
        ("a farmer", "baskets of berries"), ("a potter", "bowls"), ("a tailor", "shirts"),
        ("a bee colony", "grams of honey"), ("a robot", "parts"), ("a student", "math problems"),
        ("a carpenter", "chairs"), ("a juice stand", "cups of juice"), ("a painter", "postcards"),
    ]
    static let places = ["the market", "the school fair", "a bookstore", "the corner shop", "the farm stand",
                         "a craft store", "the bakery", "the toy shop", "a garage sale", "the museum shop"]
    static let relations = ["her brother", "his sister", "a friend", "a neighbour", "her cousin", "his classmate",
                            "the teacher", "their grandmother"]
    static let users = ["mathfan42", "prof_k", "tutor_jane", "numbercruncher", "alg3bra", "quietcoder",
                        "m_ortiz", "studybuddy", "euler_lover", "dr_lin", "the_tutor", "pi_guy"]
    static let months = ["January", "February", "March", "April", "May", "June", "July", "August",
                         "September", "October", "November", "December"]
    static let letters = ["x", "y", "n", "a", "t", "k", "m"]
}
