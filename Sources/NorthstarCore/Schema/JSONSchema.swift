/// The JSON Schemas (draft 2020-12) of backlog files and of the config, written from the field
/// tables the loaders read by, so an editor's completion and checks match `northstar check`:
/// a file the schema accepts has no error of type, range or field name (the ones that need the
/// whole backlog — duplicate ids, cycles, unknown objectives — are for `check`). Every mapping
/// is closed, so a field Northstar would ignore is flagged while typing, fields of your own
/// included (which `check` only warns about). Pure; byte-identical on every run.
public enum JSONSchema {
    /// The dialect every schema names.
    public static let dialect = "https://json-schema.org/draft/2020-12/schema"

    /// The schema of one backlog file: an item, `items:` with a list of them, or nothing.
    public static func backlog() -> [UInt8] {
        document(title: "Northstar backlog file",
                 description: "One backlog item (a mapping with id), or several under items:. Written by northstar schema; see the README's \"Backlog files\".") { w in
            // The loader's own test: a mapping without `id` but with `items` holds several items.
            w.key("if"); w.open(0x7B)
            w.field("type", "object")
            w.key("required"); w.open(0x5B); w.string("items"); w.close(0x5D)
            w.key("not"); w.open(0x7B); w.key("required"); w.open(0x5B); w.string("id"); w.close(0x5D); w.close(0x7D)
            w.close(0x7D)
            w.key("then"); w.open(0x7B)
            w.field("type", "object")
            w.key("properties"); w.open(0x7B)
            w.key("items"); w.open(0x7B)
            w.field("description", ItemFields.multiItem["items"]?.summary)
            w.field("type", "array")
            w.key("items"); w.open(0x7B); w.field("$ref", "#/$defs/item"); w.close(0x7D)
            w.close(0x7D)
            w.close(0x7D)
            w.key("required"); w.open(0x5B); w.string("items"); w.close(0x5D)
            w.key("additionalProperties"); w.bool(false)
            w.close(0x7D)
            // An empty file holds no item (a warning); anything else must be one item.
            w.key("else"); w.open(0x7B)
            w.key("if"); w.open(0x7B); w.field("type", "null"); w.close(0x7D)
            w.key("else"); w.open(0x7B); w.field("$ref", "#/$defs/item"); w.close(0x7D)
            w.close(0x7D)
            w.key("$defs"); w.open(0x7B)
            w.key("item"); table(ItemFields.table, into: &w)
            w.close(0x7D)
        }
    }

    /// The schema of the config file.
    public static func config() -> [UInt8] {
        document(title: "Northstar config",
                 description: "The mission's objectives, the equity weights, the scoring model and the daemon's settings. Written by northstar schema; see the README's \"The config\".") { w in
            tableBody(ConfigFields.table, into: &w)
        }
    }

    /// A schema document: the dialect, its title and description, then what `body` writes,
    /// laid out for people.
    static func document(title: String, description: String, _ body: (inout JSONTextWriter) -> Void) -> [UInt8] {
        var w = JSONTextWriter(compact: true)
        w.open(0x7B)
        w.field("$schema", dialect)
        w.field("title", title)
        w.field("description", description)
        body(&w)
        w.close(0x7D)
        return JSONLayout.indented(w.bytes)
    }

    /// A table as an object schema.
    static func table(_ t: FieldTable, into w: inout JSONTextWriter) {
        w.open(0x7B)
        tableBody(t, into: &w)
        w.close(0x7D)
    }

    /// The keywords of a table's object schema (inside an object already open).
    static func tableBody(_ t: FieldTable, into w: inout JSONTextWriter) {
        w.field("type", "object")
        w.key("properties"); w.open(0x7B)
        for field in t.fields {
            w.key(named: field.name)
            shape(field.shape, description: field.summary, into: &w)
        }
        w.close(0x7D)
        let required = t.fields.filter(\.required).map(\.name)
        if !required.isEmpty {
            w.key("required"); w.open(0x5B); for name in required { w.string(name) }; w.close(0x5D)
        }
        w.key("additionalProperties"); w.bool(false)
    }

    /// A shape as a schema, with `description` when given.
    static func shape(_ s: FieldShape, description: String? = nil, into w: inout JSONTextWriter) {
        w.open(0x7B)
        if let description { w.field("description", description) }
        switch s {
        case .text:
            types(["string", "number"], into: &w)
        case .identifier(let maxLength):
            types(["string", "number"], into: &w)
            w.field("minLength", 1)
            w.field("maxLength", maxLength)
            // Not blank, and no control characters (C0, DEL, C1).
            w.field("pattern", "^[^\\u0000-\\u001f\\u007f-\\u009f]*[^\\s\\u0000-\\u001f\\u007f-\\u009f][^\\u0000-\\u001f\\u007f-\\u009f]*$")
        case .choice(let names):
            w.key("enum"); w.open(0x5B); for name in names { w.string(name) }; w.close(0x5D)
        case .figures(let values):
            w.key("enum"); w.open(0x5B); for v in values { w.number(v) }; w.close(0x5D)
        case .number(let rule):
            number(rule, into: &w)
        case .estimate(let rule):
            w.key("anyOf"); w.open(0x5B)
            w.open(0x7B); number(rule, into: &w); w.close(0x7D)
            w.open(0x7B)
            w.field("description", "A range: low and high, and the likeliest value if known (low <= likely <= high)")
            w.field("type", "object")
            w.key("properties"); w.open(0x7B)
            for key in ["low", "likely", "high"] { w.key(named: key); w.open(0x7B); number(rule, into: &w); w.close(0x7D) }
            w.close(0x7D)
            w.key("required"); w.open(0x5B); w.string("low"); w.string("high"); w.close(0x5D)
            w.key("additionalProperties"); w.bool(false)
            w.close(0x7D)
            w.close(0x5D)
        case .perGroup(let rule):
            w.key("anyOf"); w.open(0x5B)
            shape(.estimate(rule), into: &w)
            w.open(0x7B)
            w.field("type", "object")
            w.key("additionalProperties"); shape(.estimate(rule), into: &w)
            // Keys all among low, likely and high make a range, which the first branch checks.
            w.key("not"); w.open(0x7B)
            w.field("minProperties", 1)
            w.key("propertyNames"); w.open(0x7B); w.key("enum"); w.open(0x5B); for k in ["low", "likely", "high"] { w.string(k) }; w.close(0x5D); w.close(0x7D)
            w.close(0x7D)
            w.close(0x7D)
            w.close(0x5D)
        case .list(let element):
            w.key("anyOf"); w.open(0x5B)
            shape(element, into: &w)
            w.open(0x7B); w.field("type", "array"); w.key("items"); shape(element, into: &w); w.close(0x7D)
            w.close(0x5D)
        case .map(let value):
            w.field("type", "object")
            w.key("additionalProperties"); shape(value, into: &w)
        case .object(let t):
            tableBody(t, into: &w)
        case .either(let shapes):
            w.key("anyOf"); w.open(0x5B); for inner in shapes { shape(inner, into: &w) }; w.close(0x5D)
        case .nullable(let inner):
            w.key("anyOf"); w.open(0x5B)
            w.open(0x7B); w.field("type", "null"); w.close(0x7D)
            shape(inner, into: &w)
            w.close(0x5D)
        case .anything:
            break
        }
        w.close(0x7D)
    }

    static func types(_ names: [String], into w: inout JSONTextWriter) {
        w.key("type"); w.open(0x5B); for name in names { w.string(name) }; w.close(0x5D)
    }

    /// A number within `rule`: whole numbers as integers, bounds as the rule states them.
    static func number(_ rule: NumberRule, into w: inout JSONTextWriter) {
        w.field("type", rule.wording == .whole ? "integer" : "number")
        func bound(_ key: String, _ x: Double) {
            if x == x.rounded(), abs(x) <= 9_007_199_254_740_992 { w.field(named: key, Int(x)) } else { w.field(named: key, x) }
        }
        bound(rule.minimumExcluded ? "exclusiveMinimum" : "minimum", rule.minimum)
        // Without a bound of its own, the largest finite number: YAML's .inf is not a figure.
        bound("maximum", rule.maximum.isFinite ? rule.maximum : .greatestFiniteMagnitude)
    }
}
