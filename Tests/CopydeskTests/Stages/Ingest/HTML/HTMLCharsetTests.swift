import Testing

@testable import Copydesk

@Suite("HTML encodings")
struct HTMLCharsetTests {
    /// The body text of a small page built from `head` and `body` bytes.
    func bodyText(_ bytes: [UInt8], charset: String? = nil) -> String? {
        let prepared = HTMLCharset.prepare(bytes, httpCharset: charset)
        guard let tree = HTMLTreeBuilder.parse(prepared.bytes, encoding: prepared.encoding), let body = tree.first(.p) else { return nil }
        return tree.textContent(of: body)
    }

    func page(meta: String = "", body: [UInt8]) -> [UInt8] {
        Array("<html><head>\(meta)<title>t</title></head><body><p>".utf8) + body + Array("</p></body></html>".utf8)
    }

    @Test func undeclaredBytesThatAreNotUTF8AreReadAsWindows1252() {
        let bytes = page(body: [0x93, 0x43, 0x61, 0x66, 0xE9, 0x94, 0x20, 0x96, 0x20, 0x80, 0x35, 0x20, 0x69, 0x74, 0x92, 0x73])
        #expect(bodyText(bytes) == "“Café” – €5 it’s")
        #expect(HTMLCharset.prepare(bytes).detected == "windows-1252")
    }

    @Test func aLatin1DeclarationIsReadAsWindows1252() {
        let bytes = page(meta: #"<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">"#, body: [0x80, 0x31, 0x30, 0x20, 0xE9])
        #expect(bodyText(bytes) == "€10 é")
    }

    @Test func utf8IsTheDefaultAndStrayBytesAreRepaired() {
        var body = Array("Zürich ".utf8)
        body.append(0x96)
        body += Array(" Genève".utf8)
        #expect(bodyText(page(body: Array("Zürich – Genève".utf8))) == "Zürich – Genève")
        #expect(bodyText(page(meta: #"<meta charset="utf-8">"#, body: body)) == "Zürich – Genève")
    }

    @Test func validUTF8WinsOverAStaleLatin1Declaration() {
        let bytes = page(meta: #"<meta charset="iso-8859-1">"#, body: Array("São Paulo".utf8))
        #expect(bodyText(bytes) == "São Paulo")
    }

    @Test func theHTTPCharsetWinsOverTheMetaTag() {
        let bytes = page(meta: #"<meta charset="utf-8">"#, body: [0x43, 0x61, 0x66, 0xE9])
        #expect(bodyText(bytes, charset: "windows-1252") == "Café")
    }

    @Test func aByteOrderMarkWins() {
        let utf16: [UInt8] = [0xFF, 0xFE] + "<p>Łódź</p>".utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        #expect(bodyText(utf16) == "Łódź")
        #expect(bodyText([0xEF, 0xBB, 0xBF] + page(meta: #"<meta charset="windows-1252">"#, body: Array("Łódź".utf8))) == "Łódź")
    }

    @Test func otherDeclaredEncodingsGoToLibxml2() {
        // 日本 in Shift_JIS.
        let bytes = page(meta: #"<meta http-equiv="content-type" content="text/html;charset=Shift_JIS">"#, body: [0x93, 0xFA, 0x96, 0x7B])
        #expect(bodyText(bytes) == "日本")
    }

    @Test func declarationsAreFoundInMetaTagsAndXMLDeclarations() {
        #expect(HTMLCharset.declaredLabel(in: Array(#"<!doctype html><META CHARSET='KOI8-R'>"#.utf8)) == "koi8-r")
        #expect(HTMLCharset.declaredLabel(in: Array(#"<?xml version="1.0" encoding="ISO-8859-1"?><html>"#.utf8)) == "windows-1252")
        #expect(HTMLCharset.declaredLabel(in: Array(#"<p>charset=utf-8 is text, not a declaration</p>"#.utf8)) == nil)
    }

    @Test func whiteSpaceAndInvisibleCharactersCollapse() {
        let text = bodyText(page(body: Array("a\u{00A0}\u{00A0} b\n\tc\u{00AD}d\u{200B}e\u{2009}f".utf8)))
        #expect(text == "a b cde f")
    }
}
