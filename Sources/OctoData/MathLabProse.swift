// General web-like prose without math problems (stands in for general web text): blog posts,
// guides and news-like pages composed from templates and topic word lists.
import OctoBase

enum LabProse {
    struct Topic { let name: String; let nouns: [String]; let verbs: [String]; let places: [String] }

    static let topics: [Topic] = [
        Topic(name: "gardening", nouns: ["tomatoes", "roses", "the soil", "compost", "seedlings", "the herb bed", "watering cans"],
              verbs: ["plant", "prune", "water", "harvest", "mulch"], places: ["the backyard", "a balcony", "the community garden"]),
        Topic(name: "cooking", nouns: ["fresh bread", "the sauce", "a cast-iron pan", "spices", "the oven", "leftover rice", "olive oil"],
              verbs: ["simmer", "bake", "season", "chop", "roast"], places: ["the kitchen", "a small apartment", "grandma's house"]),
        Topic(name: "travel", nouns: ["the night train", "a backpack", "old town squares", "local markets", "the ferry", "a guidebook"],
              verbs: ["explore", "pack", "wander through", "book", "visit"], places: ["Lisbon", "the mountains", "a coastal village", "Kyoto"]),
        Topic(name: "technology", nouns: ["the new laptop", "battery life", "the operating system", "cloud storage", "a mechanical keyboard", "the update"],
              verbs: ["install", "configure", "test", "upgrade", "back up"], places: ["the office", "a home studio", "the lab"]),
        Topic(name: "sports", nouns: ["the home team", "the final match", "training sessions", "the coach", "a new stadium", "the season"],
              verbs: ["train", "compete", "celebrate", "warm up", "recover"], places: ["the local club", "the city park", "the arena"]),
        Topic(name: "health", nouns: ["a good night's sleep", "daily walks", "fresh vegetables", "hydration", "stretching", "stress"],
              verbs: ["improve", "track", "reduce", "maintain", "balance"], places: ["the clinic", "home", "the gym"]),
        Topic(name: "music", nouns: ["the old piano", "a vinyl record", "the choir", "guitar strings", "the concert hall", "a new album"],
              verbs: ["practise", "record", "listen to", "tune", "perform"], places: ["a small club", "the music school", "the living room"]),
        Topic(name: "pets", nouns: ["the puppy", "an old cat", "the aquarium", "dog treats", "a parrot", "the vet visit"],
              verbs: ["feed", "train", "adopt", "groom", "walk"], places: ["the shelter", "the park", "home"]),
        Topic(name: "history", nouns: ["the old bridge", "a medieval castle", "the town archive", "ancient coins", "the harbour", "the museum"],
              verbs: ["restore", "study", "preserve", "rediscover", "document"], places: ["the valley", "the old quarter", "the river town"]),
        Topic(name: "books", nouns: ["the novel", "a library card", "short stories", "the reading group", "a used bookshop", "the sequel"],
              verbs: ["read", "recommend", "borrow", "review", "finish"], places: ["the public library", "a quiet café", "the train"]),
    ]
    static let adjectives = ["quiet", "surprising", "simple", "popular", "overlooked", "practical", "cheerful", "unusual", "reliable", "old-fashioned",
                             "modern", "tiny", "remarkable", "busy", "gentle"]
    static let titleForms = ["{A} Tips for {T}", "Why I Love {T}", "A Beginner's Guide to {T}", "What Nobody Tells You About {T}",
                             "{T}: Notes From {P}", "My Weekend With {N}", "The {A} Side of {T}", "Ten Things I Learned About {T}"]
    static let sentences = [
        "Last {M}, I decided to {V} {N} at {P}.", "Most people overlook {N}, but it makes a real difference.",
        "If you have never tried to {V} {N}, start small.", "The first thing I noticed about {N} was how {A} it felt.",
        "{Name} from {P} told me that {N} makes all the difference.", "It took me about {K} weeks to get used to {N}.",
        "Honestly, {N} turned out more {A} than I expected.", "A friend once said you can {V} {N} in an afternoon, and she was right.",
        "There is nothing {A} about {N}, and that is the point.", "On {M} mornings, {P} is at its best.",
        "You do not need expensive gear to {V} {N}.", "I still remember the first time I saw {N} at {P}.",
        "The trick is to {V} {N} a little every day.", "Some readers asked me how I {V} {N}; here is the short answer.",
        "According to {Name}, {N} changed a lot after {Y}.", "By the end of the month, {N} looked completely different.",
        "We spent {K} hours at {P} and still wanted more.", "If the weather is bad, {V} {N} indoors instead.",
        "My advice: keep it {A}, and do not rush.", "Not everyone agrees, but I think {N} is worth the effort.",
        "The locals at {P} have their own way to {V} {N}.", "Looking back, {Y} was the year {N} finally clicked for me.",
    ]
    static let footers = ["Thanks for reading!", "Leave a comment and tell me what you think.", "Share this: Twitter · Facebook · Email",
                          "Filed under: {T}", "Read more: {T} archive", "Subscribe for weekly posts.", "Photo credit: the author."]

    static func document(rng: inout RNG) -> String {
        let topic = rng.pick(topics)
        func fill(_ template: String) -> String {
            var out = ""
            var i = template.startIndex
            while i < template.endIndex {
                if template[i] == "{", let close = template[i...].firstIndex(of: "}") {
                    let slot = template[template.index(after: i)..<close]
                    switch slot {
                    case "N": out += rng.pick(topic.nouns)
                    case "V": out += rng.pick(topic.verbs)
                    case "P": out += rng.pick(topic.places)
                    case "A": out += rng.pick(adjectives)
                    case "T": out += topic.name.capitalizedFirst
                    case "M": out += rng.pick(LabWords.months)
                    case "Y": out += String(rng.int(1950...2024))
                    case "K": out += String(rng.int(2...12))
                    case "Name": out += rng.pick(LabWords.names)
                    default: out += slot
                    }
                    i = template.index(after: close)
                } else {
                    out.append(template[i]); i = template.index(after: i)
                }
            }
            return out.capitalizedFirst
        }
        var lines = [fill(rng.pick(titleForms))]
        if rng.chance(0.5) { lines.append("Posted by \(rng.pick(LabWords.users)) · \(rng.pick(LabWords.months)) \(rng.int(1...28)), \(rng.int(2009...2024))") }
        for _ in 0..<rng.int(2...4) {
            lines.append((0..<rng.int(3...6)).map { _ in fill(rng.pick(sentences)) }.joined(separator: " "))
        }
        for _ in 0..<rng.int(0...2) { lines.append(fill(rng.pick(footers))) }
        return lines.joined(separator: "\n")
    }
}
