import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif

/// Parses an SVG with XMLParser and keeps every element with its attributes and text.
final class SVGInspector: NSObject, XMLParserDelegate {
    struct Element { var name: String; var attributes: [String: String]; var text: String }
    private(set) var elements: [Element] = []
    private var open: [Int] = []
    private(set) var error: Error?

    init(_ svg: String) {
        super.init()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = self
        if !parser.parse() { error = parser.parserError ?? NSError(domain: "SVGInspector", code: 1) }
    }

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?,
                qualifiedName: String?, attributes: [String: String] = [:]) {
        elements.append(Element(name: name, attributes: attributes, text: ""))
        open.append(elements.count - 1)
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if let i = open.last { elements[i].text += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        _ = open.popLast()
    }

    /// Elements named `name` whose class attribute contains `cls` (when given).
    func all(_ name: String, class cls: String? = nil) -> [Element] {
        elements.filter { e in
            e.name == name && (cls == nil || (e.attributes["class"] ?? "").split(separator: " ").contains { $0 == cls! })
        }
    }

    /// Texts of `<text>` elements of class `cls`.
    func texts(_ cls: String) -> [String] { all("text", class: cls).map(\.text) }
}
